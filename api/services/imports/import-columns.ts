import type { ImportKind } from '../../../db/entities';

/** How a cell is read: text, an E.164 phone, an email, a YYYY-MM-DD date, a yes/no, a list, a number. */
export type CellType = 'text' | 'phone' | 'email' | 'date' | 'boolean' | 'list' | 'number' | 'timezone';

export interface ColumnSpec {
  /** The field in the normalized row (and the `field` of its errors). */
  field: string;
  type: CellType;
  required?: boolean;
  max?: number;
  /** Header spellings accepted besides the field name (compared lower-case, letters and digits only). */
  aliases?: string[];
}

export interface ImportSpec {
  kind: ImportKind;
  columns: ColumnSpec[];
  /** At least one of these must be filled in each row. */
  oneOf?: string[];
}

const contact = (prefix: 'customer' | ''): ColumnSpec[] =>
  prefix
    ? [
        { field: 'customerEmail', type: 'email', max: 320, aliases: ['owneremail', 'email'] },
        { field: 'customerPhone', type: 'phone', aliases: ['ownerphone', 'phone', 'mobile'] },
      ]
    : [
        { field: 'email', type: 'email', max: 320, aliases: ['emailaddress', 'mail'] },
        { field: 'phone', type: 'phone', aliases: ['phonenumber', 'mobile', 'cell', 'telephone'] },
      ];

/** The columns of each CSV kind. Templates in docs/imports.md show them in this order. */
export const IMPORT_SPECS: Record<ImportKind, ImportSpec> = {
  customers: {
    kind: 'customers',
    oneOf: ['email', 'phone'],
    columns: [
      { field: 'name', type: 'text', required: true, max: 200, aliases: ['fullname', 'customer', 'customername'] },
      ...contact(''),
      { field: 'smsOptIn', type: 'boolean', aliases: ['sms'] },
      { field: 'emailOptIn', type: 'boolean' },
      { field: 'marketingOptIn', type: 'boolean', aliases: ['marketing'] },
      { field: 'birthday', type: 'date', aliases: ['dateofbirth', 'dob', 'birthdate'] },
      { field: 'timezone', type: 'timezone', aliases: ['tz', 'zone'] },
      { field: 'tags', type: 'list' },
      { field: 'notes', type: 'text', max: 5000 },
    ],
  },
  pets: {
    kind: 'pets',
    oneOf: ['customerEmail', 'customerPhone'],
    columns: [
      ...contact('customer'),
      { field: 'name', type: 'text', required: true, max: 120, aliases: ['petname', 'pet'] },
      { field: 'species', type: 'text', required: true, max: 40, aliases: ['type', 'animal'] },
      { field: 'breed', type: 'text', max: 120 },
      { field: 'birthDate', type: 'date', aliases: ['birthday', 'dob', 'dateofbirth'] },
      { field: 'weightKg', type: 'number', aliases: ['weight', 'kg'] },
      { field: 'notes', type: 'text', max: 5000 },
    ],
  },
  vaccinations: {
    kind: 'vaccinations',
    oneOf: ['customerEmail', 'customerPhone'],
    columns: [
      ...contact('customer'),
      { field: 'petName', type: 'text', required: true, max: 120, aliases: ['pet'] },
      { field: 'vaccine', type: 'text', required: true, max: 120, aliases: ['name', 'vaccination'] },
      { field: 'administeredOn', type: 'date', required: true, aliases: ['administered', 'given', 'givenon', 'date'] },
      { field: 'expiresOn', type: 'date', required: true, aliases: ['expires', 'expiry', 'expirydate', 'validuntil'] },
      { field: 'provider', type: 'text', max: 200, aliases: ['clinic', 'vet'] },
      { field: 'notes', type: 'text', max: 5000 },
    ],
  },
};

export const headerKey = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Which spec column each CSV header is (by field name or alias); unknown headers map to nothing. */
export function mapHeaders(spec: ImportSpec, headers: string[]): { fields: Array<string | undefined>; ignored: string[]; missing: string[]; repeated: string[] } {
  const byKey = new Map<string, string>();
  for (const column of spec.columns) {
    for (const name of [column.field, ...(column.aliases ?? [])]) if (!byKey.has(headerKey(name))) byKey.set(headerKey(name), column.field);
  }
  const seen = new Set<string>();
  const repeated: string[] = [];
  const fields = headers.map((header) => {
    const field = byKey.get(headerKey(header));
    if (field && seen.has(field)) {
      repeated.push(header);
      return undefined;
    }
    if (field) seen.add(field);
    return field;
  });
  const ignored = headers.filter((header, i) => fields[i] === undefined && !repeated.includes(header) && header.trim() !== '');
  const missing = spec.columns.filter((c) => c.required && !seen.has(c.field)).map((c) => c.field);
  if (spec.oneOf && !spec.oneOf.some((f) => seen.has(f))) missing.push(spec.oneOf.join(' or '));
  return { fields, ignored, missing, repeated };
}
