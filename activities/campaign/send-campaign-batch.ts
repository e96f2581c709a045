import { Context } from '@temporalio/activity';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { Campaign, Customer, MessageTemplate, Pet, Tenant } from '../../db/entities';
import { tenantEm } from '../automation/scope';
import { customerSection, petSection, tenantSection } from '../schedule/customer-context';
import { forceVariant, pinnedDefinition } from './campaign-definition';
import { notifyCampaignProgress } from './campaign-progress';
import { type RecipientOutcome, type RecipientRun, runRecipient } from './run-recipient';
import { ensureTrackedLinks, trackedLinkCode, trackedLinkUrl } from './tracked-links';
import type { CampaignBatchInput, CampaignBatchResult } from './types';

export interface CampaignBatchDeps {
  orm: MikroORM;
  publicUrl: string;
  sendMessage: RecipientRun['sendMessage'];
  changeCustomerTag: RecipientRun['changeCustomerTag'];
  now?: () => number;
}

interface DueRecipient {
  id: string;
  customer_id: string;
  seq: number;
}

/** A batch may start up to this much behind its slot, catching up the gap between batches. */
const CATCH_UP_MS = 1_000;
/** Recipient rows are written back in chunks of this many. */
const FLUSH_EVERY = 200;
/** One page is this many seconds of sends at the campaign's rate, within these bounds. */
const PAGE_SECONDS = 4;
const MIN_PAGE = 20;
const MAX_PAGE = 1_000;
const STATUS_CHECK_MS = 1_000;

function dueRecipients(em: EntityManager, input: CampaignBatchInput): Promise<DueRecipient[]> {
  return em
    .getKnex()
    .raw(
      `select r.id, r.customer_id, r.seq from campaign_recipients r
       where r.tenant_id = ? and r.campaign_id = ? and r.phase = ? and r.seq > ?
         and (r.status = 'pending' or (r.status in ('held', 'retry') and r.not_before <= now()))
       order by r.seq limit ?`,
      [input.tenantId, input.campaignId, input.phase, input.afterSeq, input.limit],
    )
    .then((result: { rows: DueRecipient[] }) => result.rows);
}

/** Customers with an inbound message in the last 24 h: WhatsApp's customer-service window is open for them. */
async function customersWhoWroteRecently(em: EntityManager, tenantId: string, customerIds: string[]): Promise<Set<string>> {
  const result = await em.getKnex().raw(
    `select distinct customer_id from messages where tenant_id = ? and direction = 'inbound' and created_at > now() - interval '24 hours'
       and customer_id::text = any(array(select jsonb_array_elements_text(?::jsonb)))`,
    [tenantId, JSON.stringify(customerIds)],
  );
  return new Set((result as { rows: Array<{ customer_id: string }> }).rows.map((r) => r.customer_id));
}

async function writeOutcomes(em: EntityManager, tenantId: string, done: Array<{ id: string; outcome: RecipientOutcome }>): Promise<void> {
  if (done.length === 0) return;
  const values = done.map(() => '(?::uuid, ?::text, ?::text, ?::uuid, ?::text, ?::timestamptz)').join(', ');
  const bindings = done.flatMap(({ id, outcome: o }) => [id, o.status, o.variant ?? null, o.messageId ?? null, o.reason?.slice(0, 60) ?? null, o.notBefore ?? null]);
  await em.getKnex().raw(
    `update campaign_recipients r set status = v.status::campaign_recipient_status, variant = coalesce(v.variant, r.variant),
       message_id = coalesce(v.message_id, r.message_id), reason = v.reason, not_before = v.not_before, processed_at = now(), updated_at = now()
     from (values ${values}) as v(id, status, variant, message_id, reason, not_before)
     where r.id = v.id and r.tenant_id = ?`,
    [...bindings, tenantId],
  );
}

function heartbeat(details: unknown): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    // Called outside an activity (a direct call in a test): nothing to report to.
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One batch of a campaign: the next due recipients of the phase (by seq), each walked through the
 * pinned automation and sent to at the campaign's rate. Sends are spread one every 1/rate s from
 * `nextSlotAt` (several in flight when the provider is slower than the rate); the answer carries
 * the next free slot so the throttle holds across batches. Outcomes are written back to the
 * recipient rows, and the live channel hears the campaign's progress.
 */
export function createSendCampaignBatchActivity(deps: CampaignBatchDeps) {
  const clock = deps.now ?? (() => Date.now());
  return async function sendCampaignBatch(input: CampaignBatchInput): Promise<CampaignBatchResult> {
    const em = tenantEm(deps.orm, input.tenantId);
    const campaign = await em.findOne(Campaign, { id: input.campaignId });
    if (!campaign) throw ApplicationFailure.create({ message: `campaign ${input.campaignId} not found`, type: 'CampaignNotFound', nonRetryable: true });
    const page = Math.min(MAX_PAGE, Math.max(MIN_PAGE, campaign.ratePerSecond * PAGE_SECONDS));
    // 0: the first batch of a pass, nothing to catch up.
    const nextSlotAt = input.nextSlotAt > 0 ? Math.max(input.nextSlotAt, clock() - CATCH_UP_MS) : clock();
    let requested = Math.min(page, input.limit);
    let due = await dueRecipients(em, { ...input, limit: requested });
    if (due.length === 0) return { processed: 0, lastSeq: input.afterSeq, exhausted: true, nextSlotAt };

    const pinned = await pinnedDefinition(em, campaign);
    const definition = input.phase === 'rest' && input.winner ? forceVariant(pinned, input.winner) : pinned;
    const templateKeys = [...new Set(definition.nodes.flatMap((n) => ('templateId' in n.data && typeof n.data.templateId === 'string' ? [n.data.templateId] : [])))];
    const [tenant, templates] = await Promise.all([em.findOneOrFail(Tenant, { id: input.tenantId }), em.find(MessageTemplate, { key: { $in: templateKeys } })]);
    const templateByKey = new Map(templates.map((t) => [t.key, t]));
    const usesWhatsApp = definition.nodes.some((n) => n.type === 'sendWhatsApp');
    const tenantPart = tenantSection(tenant);
    const at = new Date(clock()).toISOString();

    /** Everything a page of recipients needs, in a few queries. */
    const loadPage = async (rows: DueRecipient[]) => {
      const customerIds = rows.map((r) => r.customer_id);
      const [customers, pets, wroteRecently] = await Promise.all([
        em.find(Customer, { id: { $in: customerIds } }, { disableIdentityMap: true }),
        em.find(Pet, { customerId: { $in: customerIds }, active: true }, { orderBy: { name: 'asc' }, disableIdentityMap: true }),
        usesWhatsApp ? customersWhoWroteRecently(em, input.tenantId, customerIds) : Promise.resolve(new Set<string>()),
        campaign.linkUrl ? ensureTrackedLinks(em, { tenantId: input.tenantId, campaignId: campaign.id, url: campaign.linkUrl, customerIds }) : Promise.resolve(),
      ]);
      const petsOf = new Map<string, Pet[]>();
      for (const pet of pets) petsOf.set(pet.customerId, [...(petsOf.get(pet.customerId) ?? []), pet]);
      return { customerById: new Map(customers.map((c) => [c.id, c])), petsOf, wroteRecently };
    };

    const contextOf = (customer: Customer, pets: Pet[]): RecipientRun['context'] => ({
      tenant: tenantPart,
      customer: customerSection(customer, tenant),
      pets: pets.map(petSection),
      campaign: {
        id: campaign.id,
        name: campaign.name,
        ...(campaign.linkUrl ? { link: trackedLinkUrl(deps.publicUrl, trackedLinkCode(campaign.id, customer.id)), url: campaign.linkUrl } : {}),
      },
      vars: {},
      event: { type: 'manual', at },
    });

    const interval = 1000 / Math.max(1, campaign.ratePerSecond);
    // Up to a second of sends in flight: a provider (or a database) slower than 1/rate per send
    // still lets the campaign keep its rate, and a burst never exceeds one second's worth.
    const maxInFlight = Math.min(64, Math.max(4, campaign.ratePerSecond));
    const inFlight = new Set<Promise<void>>();
    let pendingWrites: Array<{ id: string; outcome: RecipientOutcome }> = [];
    const flush = async () => {
      const chunk = pendingWrites;
      pendingWrites = [];
      await writeOutcomes(em, input.tenantId, chunk);
    };
    let slot = nextSlotAt;
    let processed = 0;
    let taken = 0;
    let lastSeq = input.afterSeq;
    let exhausted = false;

    // A pause or a cancel is mirrored on the row at once: looked at about once a second.
    let checkedAt = clock();
    const stopped = async (): Promise<boolean> => {
      if (clock() - checkedAt < STATUS_CHECK_MS) return false;
      checkedAt = clock();
      const current = await em.findOne(Campaign, { id: campaign.id }, { fields: ['status'], disableIdentityMap: true });
      return current?.status !== 'running';
    };
    let halted = false;

    // Pages follow each other inside one activity (the next page is read while the last sends of
    // the previous one are in flight), so the throttle never waits on the workflow between pages.
    for (;;) {
      const { customerById, petsOf, wroteRecently } = await loadPage(due);
      for (const recipient of due) {
        const customer = customerById.get(recipient.customer_id);
        if (!customer) {
          // Erased since the audience was fixed.
          pendingWrites.push({ id: recipient.id, outcome: { status: 'skipped', reason: 'customer_deleted' } });
          continue;
        }
        const delay = slot - clock();
        if (delay > 0) await wait(delay);
        if (await stopped()) {
          halted = true;
          break;
        }
        slot += interval;
        while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
        const task = runRecipient({
          tenantId: input.tenantId,
          campaignId: campaign.id,
          automationId: campaign.automationId,
          definition,
          context: contextOf(customer, petsOf.get(customer.id) ?? []),
          ...(input.phase === 'rest' && input.winner ? { variant: input.winner } : {}),
          ...(campaign.quietHours ? { quietHours: campaign.quietHours } : {}),
          preloaded: { tenant, customer, templates: templateByKey },
          whatsappWindowOpen: wroteRecently.has(customer.id),
          now: clock,
          sendMessage: deps.sendMessage,
          changeCustomerTag: deps.changeCustomerTag,
        })
          .catch((err: unknown): RecipientOutcome => ({ status: 'retry', reason: (err as Error).name?.slice(0, 60) ?? 'error', notBefore: new Date(clock() + 60_000).toISOString() }))
          .then(async (outcome) => {
            processed += 1;
            pendingWrites.push({ id: recipient.id, outcome });
            if (pendingWrites.length >= FLUSH_EVERY) await flush();
          });
        const tracked = task.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        heartbeat({ seq: recipient.seq });
      }
      if (halted) break;
      taken += due.length;
      lastSeq = (due[due.length - 1] as DueRecipient).seq;
      if (due.length < requested) {
        exhausted = true;
        break;
      }
      if (taken >= input.limit) break;
      requested = Math.min(page, input.limit - taken);
      due = await dueRecipients(em, { ...input, afterSeq: lastSeq, limit: requested });
      if (due.length === 0) {
        exhausted = true;
        break;
      }
    }
    await Promise.all(inFlight);
    await flush();
    await notifyCampaignProgress(em, input.tenantId, campaign.id);
    return { processed, lastSeq, exhausted, nextSlotAt: Math.max(slot, clock() - CATCH_UP_MS) };
  };
}
