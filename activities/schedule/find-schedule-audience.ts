import type { MikroORM } from '@mikro-orm/postgresql';
import { Customer, Pet, Tenant } from '../../db/entities';
import { type AutomationDefinition, type RunContext, triggerMatches } from '../../workflows/dsl';
import { tenantEm } from '../automation/scope';
import { customerSection, petSection, tenantSection } from './customer-context';

export interface ScheduleAudienceInput {
  tenantId: string;
  definition: AutomationDefinition;
  /** ISO-8601: the time the schedule fired; the filter's `now` and `today`. */
  firedAt: string;
  /** Customer id to continue after (keyset). */
  after?: string;
  limit?: number;
}

export interface ScheduleAudiencePage {
  /** The customers of this page whose trigger filter holds, with the context their run starts with. */
  matched: Array<{ customerId: string; context: RunContext }>;
  /** Customers read in this page (matched or not). */
  scanned: number;
  /** Where the next page starts; absent on the last page. */
  next?: string;
}

const DEFAULT_PAGE = 500;

/**
 * One page of a tenant's customers (by id), each with their pets, kept when the schedule
 * trigger's filter holds at the moment the schedule fired. Evaluated here rather than in the
 * workflow so its history holds only the customers who get a run. Customers who asked for their
 * data to be erased are never included.
 */
export function createFindScheduleAudienceActivity(deps: { orm: MikroORM }) {
  return async function findScheduleAudience(input: ScheduleAudienceInput): Promise<ScheduleAudiencePage> {
    const em = tenantEm(deps.orm, input.tenantId);
    const tenant = await em.findOneOrFail(Tenant, { id: input.tenantId });
    const limit = Math.min(Math.max(input.limit ?? DEFAULT_PAGE, 1), 2000);
    const customers = await em.find(
      Customer,
      { ...(input.after ? { id: { $gt: input.after } } : {}), deletionRequestedAt: null },
      { orderBy: { id: 'asc' }, limit },
    );
    const pets = customers.length
      ? await em.find(Pet, { customerId: { $in: customers.map((c) => c.id) }, active: true }, { orderBy: { name: 'asc' } })
      : [];
    const petsOf = new Map<string, Pet[]>();
    for (const pet of pets) petsOf.set(pet.customerId, [...(petsOf.get(pet.customerId) ?? []), pet]);

    const matched: ScheduleAudiencePage['matched'] = [];
    for (const customer of customers) {
      const context: RunContext = {
        tenant: tenantSection(tenant),
        customer: customerSection(customer, tenant),
        pets: (petsOf.get(customer.id) ?? []).map(petSection),
        vars: {},
        event: { type: 'schedule', at: input.firedAt },
        lastEvent: { type: 'schedule', at: input.firedAt },
      };
      if (triggerMatches(input.definition, 'schedule', context, input.firedAt)) matched.push({ customerId: customer.id, context });
    }
    const last = customers[customers.length - 1];
    return { matched, scanned: customers.length, ...(customers.length === limit && last ? { next: last.id } : {}) };
  };
}
