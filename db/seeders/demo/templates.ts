import { type MessageChannel, MessageTemplate } from '../../entities/message-template';
import type { DemoContext } from './context';

interface TemplateSpec {
  key: string;
  name: string;
  channel: MessageChannel;
  subject?: string;
  body: string;
}

/** Handlebars over the run context (workflows/dsl/context.ts): only paths declared there. */
export const DEMO_TEMPLATES: readonly TemplateSpec[] = [
  {
    key: 'booking-confirmation-sms',
    name: 'Booking confirmation (SMS)',
    channel: 'sms',
    body:
      "Hi {{customer.firstName}}, you're booked at {{tenant.name}}: {{service.name}} with {{staff.name}} on " +
      '{{formatDateTime appointment.startsAt}}. Manage your booking: {{appointment.portalUrl}} Reply STOP to opt out.',
  },
  {
    key: 'booking-confirmation-email',
    name: 'Booking confirmation (email)',
    channel: 'email',
    subject: 'Booked: {{service.name}} at {{tenant.name}}',
    body: [
      'Hi {{customer.firstName}},',
      '',
      "Thanks for booking with {{tenant.name}}! Here's what we have:",
      '',
      '  {{service.name}} with {{staff.name}}',
      '  {{formatDateTime appointment.startsAt}} ({{appointment.durationMinutes}} minutes)',
      '  {{appointment.locationName}}',
      '',
      'Add it to your calendar: {{appointment.addToCalendarUrl}}',
      'Need to change it? Reschedule: {{appointment.rescheduleUrl}} · Cancel: {{appointment.cancelUrl}}',
      '',
      'Free cancellation up to {{tenant.policies.cancelWindowHours}} hours before your appointment.',
      '',
      'See you soon,',
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
      'A friendly reminder that {{service.name}} with {{staff.name}} is tomorrow, {{formatDateTime appointment.startsAt}}.',
      '',
      "Please bring your pet's up-to-date vaccination records if we haven't seen them yet.",
      "Can't make it? Reschedule: {{appointment.rescheduleUrl}} · Cancel: {{appointment.cancelUrl}}",
      '',
      '{{tenant.name}}',
    ].join('\n'),
  },
  {
    key: 'reminder-2h-sms',
    name: 'Reminder 2 hours before (SMS)',
    channel: 'sms',
    body:
      'Reminder from {{tenant.name}}: {{service.name}} with {{staff.name}} today at {{formatTime appointment.startsAt}}. ' +
      'See you soon, {{customer.firstName}}!',
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
      'Per our policy a no-show fee may apply. Book again: {{tenant.bookingUrl}}',
  },
  {
    key: 'thank-you-sms',
    name: 'Thank you (SMS)',
    channel: 'sms',
    body:
      'Thanks for visiting {{tenant.name}}, {{customer.firstName}}! We hope you love the results. ' +
      'Mind leaving us a review? {{tenant.reviewUrl}}',
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
    body:
      'Happy birthday, {{customer.firstName}}! 🎉 Treat your best friend to a pampering session at ' +
      '{{tenant.name}} this month: {{tenant.bookingUrl}}',
  },
  {
    key: 'win-back-sms',
    name: 'We miss you (SMS)',
    channel: 'sms',
    body:
      "Hi {{customer.firstName}}, it's been a while since we've seen you at {{tenant.name}}. " +
      'Ready for a fresh groom? Book here: {{tenant.bookingUrl}}',
  },
];

export function buildTemplates(ctx: DemoContext, createdAt: Date): MessageTemplate[] {
  return DEMO_TEMPLATES.map((spec) =>
    ctx.em.create(
      MessageTemplate,
      {
        tenantId: ctx.tenantId,
        key: spec.key,
        name: spec.name,
        channel: spec.channel,
        subject: spec.subject,
        body: spec.body,
        system: true,
        createdAt,
        updatedAt: createdAt,
      },
      { persist: false },
    ),
  );
}
