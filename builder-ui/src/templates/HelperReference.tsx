/** A short reference of what template text may call, beside the `{{` autocomplete of variables. */
const EXAMPLES: Array<[string, string]> = [
  ['{{customer.firstName}}', 'a variable: type {{ for the full list'],
  ['{{formatDateTime appointment.startsAt}}', 'date and time in the customer’s zone'],
  ['{{formatDate appointment.startsAt}} · {{formatTime appointment.startsAt}}', 'date or time alone'],
  ['{{formatMoney appointment.priceCents}}', 'an amount in the business’s currency'],
  ['{{portalLink}} {{rescheduleLink}} {{cancelLink}}', 'links to manage the booking'],
  ['{{addToCalendarLink}} {{bookingLink}} {{reviewLink}}', 'calendar, booking page and review links'],
  ['{{#if staff.name}} with {{staff.name}}{{/if}}', 'text shown only when there is a value'],
  ['{{default customer.firstName "there"}}', 'a fallback for an empty value'],
];

export function HelperReference() {
  return (
    <details className="tpl-reference">
      <summary>Variables and helpers</summary>
      <dl>
        {EXAMPLES.map(([code, note]) => (
          <div key={code}>
            <dt>
              <code>{code}</code>
            </dt>
            <dd>{note}</dd>
          </div>
        ))}
      </dl>
      <p className="field-hint">Unknown variables and helpers are refused when you save, so a message never goes out with a blank.</p>
    </details>
  );
}
