const EVENT_PHRASES: Record<string, string> = {
  'appointment.booked': 'an appointment is booked',
  'appointment.confirmed': 'the appointment is confirmed',
  'appointment.rescheduled': 'the appointment is rescheduled',
  'appointment.cancelled': 'the appointment is cancelled',
  'appointment.checked_in': 'the customer checks in',
  'appointment.completed': 'the appointment is completed',
  'appointment.no_show': 'the appointment is marked no-show',
  'customer.created': 'a customer is added',
  'payment.received': 'a payment is received',
  'vaccination.recorded': 'a vaccination is recorded',
  'vaccination.renewed': 'the vaccination is renewed',
  'message.received': 'the customer replies',
  schedule: 'on a schedule',
  manual: 'started by hand',
};

/** "appointment.booked" → "an appointment is booked". */
export function eventPhrase(event: string): string {
  return EVENT_PHRASES[event] ?? event;
}

/** Short names for event pickers: "Appointment booked". */
export function eventLabel(event: string): string {
  const [head = '', tail = ''] = event.split('.');
  if (!tail) return head.charAt(0).toUpperCase() + head.slice(1);
  return `${head.charAt(0).toUpperCase()}${head.slice(1)} ${tail.replace(/_/g, ' ')}`;
}

function pad(n: string): string {
  return n.padStart(2, '0');
}

/** "0 9 * * *" → "every day at 09:00"; other expressions are shown as they are. */
export function describeCron(cron: string | undefined): string {
  if (!cron) return 'on a schedule';
  const [min, hour, dom, month, dow] = cron.trim().split(/\s+/);
  if (min && hour && /^\d+$/.test(min) && /^\d+$/.test(hour) && month === '*') {
    const at = `${pad(hour)}:${pad(min)}`;
    if (dom === '*' && dow === '*') return `every day at ${at}`;
    const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    if (dom === '*' && dow && /^\d$/.test(dow)) return `every ${days[Number(dow)]} at ${at}`;
    if (dow === '*' && dom && /^\d+$/.test(dom)) return `on day ${dom} of each month at ${at}`;
  }
  return `on the schedule “${cron}”`;
}
