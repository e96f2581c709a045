import type { EntityManager } from '@mikro-orm/postgresql';
import { type MessageChannel, MessageTemplate } from '../../entities/message-template';

export interface DefaultTemplate {
  key: string;
  name: string;
  channel: MessageChannel;
  subject?: string;
  body: string;
}

/**
 * The message templates every new business starts with: one per key the seeded automations use
 * (db/seeders/automations/definitions.ts), worded for any kind of service business. The demo
 * tenant has its own pet-salon wording (db/seeders/demo/templates.ts) under the same keys.
 */
export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    key: 'booking-confirmation-sms',
    name: 'Booking confirmation (SMS)',
    channel: 'sms',
    body:
      "Hi {{customer.firstName}}, you're booked at {{tenant.name}}: {{service.name}} on {{formatDateTime appointment.startsAt}}. " +
      'Manage your booking: {{portalLink}} Reply STOP to opt out.',
  },
  {
    key: 'booking-confirmation-email',
    name: 'Booking confirmation (email)',
    channel: 'email',
    subject: 'Booked: {{service.name}} at {{tenant.name}}',
    body: [
      'Hi {{customer.firstName}},',
      '',
      'Thanks for booking with {{tenant.name}}. Here are the details:',
      '',
      '  {{service.name}}{{#if staff.name}} with {{staff.name}}{{/if}}',
      '  {{formatDateTime appointment.startsAt}} ({{appointment.durationMinutes}} minutes)',
      '',
      'Add it to your calendar: {{addToCalendarLink}}',
      'Need a change? Reschedule: {{rescheduleLink}} · Cancel: {{cancelLink}}',
      '',
      'Free cancellation up to {{tenant.policies.cancelWindowHours}} hours before your appointment.',
      '',
      '{{tenant.name}}',
    ].join('\n'),
  },
  {
    key: 'reminder-24h-email',
    name: 'Reminder 24 hours before (email)',
    channel: 'email',
    subject: 'Tomorrow: {{service.name}} at {{tenant.name}}',
    body: [
      'Hi {{customer.firstName}},',
      '',
      'A reminder that your {{service.name}} at {{tenant.name}} is tomorrow, {{formatDateTime appointment.startsAt}}.',
      '',
      "Can't make it? Reschedule: {{rescheduleLink}} · Cancel: {{cancelLink}}",
      '',
      '{{tenant.name}}',
    ].join('\n'),
  },
  {
    key: 'reminder-2h-sms',
    name: 'Reminder 2 hours before (SMS)',
    channel: 'sms',
    body: 'Reminder from {{tenant.name}}: {{service.name}} today at {{formatTime appointment.startsAt}}. See you soon, {{customer.firstName}}!',
  },
  {
    key: 'confirm-request-sms',
    name: 'Please confirm (SMS)',
    channel: 'sms',
    body:
      'Hi {{customer.firstName}}, please confirm {{service.name}} at {{tenant.name}} on {{formatDateTime appointment.startsAt}}. ' +
      'Reply C to confirm or X to cancel.',
  },
  {
    key: 'no-show-notice-sms',
    name: 'Missed appointment (SMS)',
    channel: 'sms',
    body:
      'Hi {{customer.firstName}}, we missed you at {{tenant.name}} today for {{service.name}}. ' +
      'Per our policy a no-show fee may apply. Book again: {{bookingLink}}',
  },
  {
    key: 'thank-you-sms',
    name: 'Thank you (SMS)',
    channel: 'sms',
    body: 'Thanks for visiting {{tenant.name}}, {{customer.firstName}}! Would you leave us a review? {{reviewLink}}',
  },
  {
    key: 'vaccination-expiry-sms',
    name: 'Vaccination expiring (SMS)',
    channel: 'sms',
    body:
      "Hi {{customer.firstName}}, {{vaccination.petName}}'s {{vaccination.name}} vaccination expires on " +
      '{{formatDate vaccination.expiresAt}}. Please send us the updated record before the next visit. – {{tenant.name}}',
  },
  {
    key: 'birthday-sms',
    name: 'Happy birthday (SMS)',
    channel: 'sms',
    body: 'Happy birthday, {{customer.firstName}}! Treat yourself this month at {{tenant.name}}: {{bookingLink}}',
  },
  {
    key: 'win-back-sms',
    name: 'We miss you (SMS)',
    channel: 'sms',
    body: "Hi {{customer.firstName}}, it's been a while since your last visit to {{tenant.name}}. Book your next one: {{bookingLink}}",
  },
];

/**
 * Creates the default templates a tenant does not have yet (by key), marked `system`.
 * Call it inside the transaction that creates the tenant; the caller flushes.
 */
export async function seedDefaultTemplates(em: EntityManager, tenantId: string): Promise<MessageTemplate[]> {
  const existing = await em.find(MessageTemplate, { tenantId }, { fields: ['key'], filters: { tenant: { tenantId } } });
  const have = new Set(existing.map((template) => template.key));
  return DEFAULT_TEMPLATES.filter((spec) => !have.has(spec.key)).map((spec) =>
    em.create(MessageTemplate, { tenantId, key: spec.key, name: spec.name, channel: spec.channel, subject: spec.subject, body: spec.body, system: true }),
  );
}
