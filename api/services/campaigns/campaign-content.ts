import type { CampaignContent } from '../../routes/campaigns.schema';

const SEND_NODE = { sms: 'sendSms', whatsapp: 'sendWhatsApp', email: 'sendEmail' } as const;

/**
 * The automation a campaign built from `content` runs: manual trigger → (A/B split →) one send
 * per variant → end. The owner can open and change it in the builder like any other automation.
 */
export function campaignDefinition(name: string, content: CampaignContent): Record<string, unknown> {
  const type = SEND_NODE[content.channel];
  const single = content.variants.length === 1;
  const sendId = (variant: string) => `send-${variant}`;
  const nodes: Array<Record<string, unknown>> = [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: {} },
    ...content.variants.map((v, i) => ({
      id: sendId(v.id),
      type,
      position: { x: (i - (content.variants.length - 1) / 2) * 260, y: single ? 140 : 280 },
      data: { label: single ? 'Send' : `Variant ${v.label ?? v.id}`, templateId: v.templateId },
    })),
    { id: 'end', type: 'end', position: { x: 0, y: single ? 280 : 420 }, data: {} },
  ];
  const edges: Array<Record<string, unknown>> = content.variants.map((v) => ({ id: `e-${v.id}-end`, source: sendId(v.id), target: 'end' }));
  if (single) {
    edges.push({ id: 'e-trigger', source: 'trigger', target: sendId(content.variants[0]!.id) });
  } else {
    nodes.push({
      id: 'split',
      type: 'split',
      position: { x: 0, y: 140 },
      data: { label: 'A/B', variants: content.variants.map((v) => ({ id: v.id, label: v.label ?? v.id, weight: v.weight })) },
    });
    edges.push({ id: 'e-trigger', source: 'trigger', target: 'split' });
    for (const v of content.variants) edges.push({ id: `e-split-${v.id}`, source: 'split', sourceHandle: v.id, target: sendId(v.id) });
  }
  return { schemaVersion: 1, name, trigger: { event: 'manual' }, nodes, edges };
}
