import type { HelperOptions } from 'handlebars';
import { DateTime } from 'luxon';
import { readContextPath } from '../../workflows/dsl/context';

/** What helpers read besides their arguments: set as Handlebars `data` by renderTemplate. */
export interface RenderEnvironment {
  /** The recipient's IANA zone (customer, else tenant). */
  zone: string;
  locale: string;
  currency: string;
  /** Base of public links (PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
}

export type LinkKind = 'portal' | 'cancel' | 'reschedule' | 'calendar' | 'booking' | 'review';

/**
 * Public links of a run context. A link the context already carries (built where secrets live,
 * e.g. a signed portal URL) wins; otherwise it is built from PUBLIC_URL. The portal asks for a
 * magic link when the visitor is not signed in, so a fallback link never exposes a booking.
 */
export function contextLink(kind: LinkKind, context: unknown, publicUrl: string): string {
  const str = (path: string): string | undefined => {
    const value = readContextPath(context, path);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const appointmentId = str('appointment.id');
  const portal = appointmentId ? `${publicUrl}/portal/appointments/${encodeURIComponent(appointmentId)}` : `${publicUrl}/portal`;
  const slug = str('tenant.slug');
  switch (kind) {
    case 'portal':
      return str('appointment.portalUrl') ?? portal;
    case 'cancel':
      return str('appointment.cancelUrl') ?? (appointmentId ? `${portal}/cancel` : portal);
    case 'reschedule':
      return str('appointment.rescheduleUrl') ?? (appointmentId ? `${portal}/reschedule` : portal);
    case 'calendar':
      return str('appointment.addToCalendarUrl') ?? (appointmentId ? `${portal}/calendar.ics` : portal);
    case 'booking':
      return str('tenant.bookingUrl') ?? (slug ? `${publicUrl}/book/${encodeURIComponent(slug)}` : publicUrl);
    case 'review':
      return str('tenant.reviewUrl') ?? str('tenant.bookingUrl') ?? publicUrl;
  }
}

const LINK_KINDS = new Set<LinkKind>(['portal', 'cancel', 'reschedule', 'calendar', 'booking', 'review']);

function env(options: HelperOptions): RenderEnvironment {
  return (options.data as { env: RenderEnvironment }).env;
}

function root(options: HelperOptions): unknown {
  return (options.data as { root: unknown }).root;
}

/** Splits Handlebars' trailing options object from the positional arguments. */
function split(args: unknown[]): { params: unknown[]; options: HelperOptions } {
  return { params: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

export function toDateTime(value: unknown, zone: string): DateTime | undefined {
  let dt: DateTime | undefined;
  if (value instanceof Date) dt = DateTime.fromJSDate(value);
  else if (typeof value === 'number') dt = DateTime.fromMillis(value);
  else if (typeof value === 'string' && value.trim() !== '') {
    // A bare date (birthday, expiry day) is a calendar day, not an instant: keep it as is.
    dt = /^\d{4}-\d{2}-\d{2}$/.test(value.trim())
      ? DateTime.fromISO(value.trim(), { zone })
      : DateTime.fromISO(value.trim(), { setZone: true });
  }
  if (!dt?.isValid) return undefined;
  return dt.setZone(zone);
}

const DATE_FORMATS = {
  date: { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' },
  time: { hour: 'numeric', minute: '2-digit' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

type DateStyle = 'date' | 'time' | 'dateTime';

function formatter(style: DateStyle) {
  return (...args: unknown[]): string => {
    const { params, options } = split(args);
    const e = env(options);
    const hash = options.hash as { zone?: string; locale?: string; format?: string };
    const zone = hash.zone ?? e.zone;
    const dt = toDateTime(params[0], zone);
    if (!dt) return params[0] === undefined || params[0] === null ? '' : String(params[0]);
    const local = dt.setLocale(hash.locale ?? e.locale);
    const format = typeof params[1] === 'string' ? params[1] : hash.format;
    if (format) return local.toFormat(format);
    if (style === 'date') return local.toLocaleString(DATE_FORMATS.date);
    if (style === 'time') return local.toLocaleString(DATE_FORMATS.time);
    return `${local.toLocaleString(DATE_FORMATS.date)}, ${local.toLocaleString(DATE_FORMATS.time)}`;
  };
}

/** Integer minor units → "$25.00" in the tenant currency (or the one given). */
export function formatMoney(cents: unknown, currency: string, locale: string): string {
  const amount = typeof cents === 'string' ? Number(cents) : cents;
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return '';
  const fmt = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  return fmt.format(amount / 10 ** digits);
}

function money(...args: unknown[]): string {
  const { params, options } = split(args);
  const e = env(options);
  const currency = typeof params[1] === 'string' ? params[1] : ((options.hash as { currency?: string }).currency ?? e.currency);
  return formatMoney(params[0], currency, e.locale);
}

function linkHelper(fixed?: LinkKind) {
  return (...args: unknown[]): string => {
    const { params, options } = split(args);
    const kind = (fixed ?? params[0]) as LinkKind;
    if (!LINK_KINDS.has(kind)) throw new Error(`link: unknown kind "${String(kind)}" (use ${[...LINK_KINDS].join(', ')})`);
    return contextLink(kind, root(options), env(options).publicUrl);
  };
}

const truthy = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : Boolean(v));

/** Every helper templates may call. The DSL validator takes these names (TEMPLATE_HELPERS). */
export const HELPERS: Record<string, (...args: unknown[]) => unknown> = {
  formatDate: formatter('date'),
  formatTime: formatter('time'),
  formatDateTime: formatter('dateTime'),
  date: formatter('date'),
  time: formatter('time'),
  dateTime: formatter('dateTime'),
  money,
  formatMoney: money,
  link: linkHelper(),
  portalLink: linkHelper('portal'),
  cancelLink: linkHelper('cancel'),
  rescheduleLink: linkHelper('reschedule'),
  addToCalendarLink: linkHelper('calendar'),
  calendarLink: linkHelper('calendar'),
  bookingLink: linkHelper('booking'),
  reviewLink: linkHelper('review'),
  eq: (...args) => split(args).params[0] === split(args).params[1],
  ne: (...args) => split(args).params[0] !== split(args).params[1],
  gt: (...args) => Number(split(args).params[0]) > Number(split(args).params[1]),
  lt: (...args) => Number(split(args).params[0]) < Number(split(args).params[1]),
  and: (...args) => split(args).params.every(truthy),
  or: (...args) => split(args).params.some(truthy),
  not: (...args) => !truthy(split(args).params[0]),
  default: (...args) => {
    const [value, fallback] = split(args).params;
    return value === undefined || value === null || value === '' ? fallback : value;
  },
  upper: (...args) => String(split(args).params[0] ?? '').toUpperCase(),
  lower: (...args) => String(split(args).params[0] ?? '').toLowerCase(),
  uppercase: (...args) => String(split(args).params[0] ?? '').toUpperCase(),
  lowercase: (...args) => String(split(args).params[0] ?? '').toLowerCase(),
  pluralize: (...args) => {
    const [count, singular, plural] = split(args).params;
    const word = Number(count) === 1 ? String(singular) : String(plural ?? `${String(singular)}s`);
    return `${String(count)} ${word}`;
  },
};
