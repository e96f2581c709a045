import { CONTEXT_PATHS } from '../../automation/dsl';

const SECTION_NOUNS: Record<string, string> = {
  lastEvent: 'the reply',
  vars: '',
  event: 'the event',
  pets: 'a pet',
};

function words(camel: string): string {
  return camel
    .replace(/\[\]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

/** "customer.smsOptIn" → "customer SMS opt-in"-like words: "customer sms opt in"; vars.x → "x". */
export function humanPath(path: string): string {
  const [head = '', ...rest] = path.split('.');
  if (head === 'vars') return rest.join('.') || 'variables';
  const section = head in SECTION_NOUNS ? SECTION_NOUNS[head]! : words(head);
  const tail = rest.map(words).join(' ');
  return [section, tail].filter(Boolean).join(' ').replace(/\bsms\b/g, 'SMS').replace(/\bopt in\b/g, 'opt-in');
}

const BOOLEAN_PHRASES: Record<string, [string, string]> = {
  'customer.smsOptIn': ['customer opted in to SMS', 'customer opted out of SMS'],
  'customer.emailOptIn': ['customer opted in to email', 'customer opted out of email'],
  'customer.whatsappOptIn': ['customer opted in to WhatsApp', 'customer opted out of WhatsApp'],
};

/** How a boolean path reads when true / false. */
export function booleanPhrase(path: string, value: boolean): string {
  const known = BOOLEAN_PHRASES[path];
  if (known) return value ? known[0] : known[1];
  return `${humanPath(path)} is ${value ? 'true' : 'false'}`;
}

const ANCHOR_NOUNS: Record<string, { before: string; after: string; at: string }> = {
  'appointment.startsAt': { before: 'the appointment', after: 'the appointment starts', at: 'the appointment starts' },
  'appointment.endsAt': { before: 'the appointment ends', after: 'the appointment ends', at: 'the appointment ends' },
  'appointment.createdAt': { before: 'the booking', after: 'the booking', at: 'the booking is made' },
  'appointment.arrivedAt': { before: 'check-in', after: 'check-in', at: 'the customer checks in' },
  'vaccination.expiresAt': { before: 'the vaccination expires', after: 'the vaccination expires', at: 'the vaccination expires' },
  'vaccination.administeredAt': { before: 'the vaccination', after: 'the vaccination', at: 'the vaccination is given' },
  'customer.lastVisitAt': { before: 'the last visit', after: 'the last visit', at: 'the last visit' },
};

export function anchorNoun(anchor: string, relation: 'before' | 'after' | 'at'): string {
  return ANCHOR_NOUNS[anchor]?.[relation] ?? humanPath(anchor);
}

export interface PathOption {
  path: string;
  type: string;
  description: string;
}

/** The declared context paths offered for autocomplete (leaves first, objects are not values). */
export function pathOptions(extraVars: Iterable<string> = []): PathOption[] {
  const declared = CONTEXT_PATHS.filter((entry) => entry.type !== 'object' && !entry.path.startsWith('vars')).map((entry) => ({
    path: entry.path,
    type: entry.type,
    description: entry.description,
  }));
  const vars = [...new Set(extraVars)].map((name) => ({ path: `vars.${name}`, type: 'any', description: `Variable set by a “Set variable” node` }));
  return [...declared, ...vars];
}
