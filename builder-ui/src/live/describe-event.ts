import type { LiveEvent } from './live-client';

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** One line for the notification list. */
export function describeLiveEvent(event: LiveEvent, timeZone?: string): string {
  const status = str(event.data.status)?.replace(/_/g, ' ');
  const startsAt = str(event.data.startsAt);
  const when = startsAt ? ` for ${new Date(startsAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone })}` : '';
  switch (event.type) {
    case 'booking.created':
      return `New booking${when}`;
    case 'booking.updated':
      return `Booking updated${when}${status ? ` (${status})` : ''}`;
    case 'booking.cancelled':
      return `Booking cancelled${when}`;
    case 'availability.changed':
      return 'Availability changed';
    case 'execution.status':
      return `Automation run ${status ?? 'updated'}`;
    case 'message.status':
      return `${str(event.data.channel)?.toUpperCase() ?? 'Message'} ${status ?? 'updated'}`;
    case 'chat.message':
      return 'New chat message from a customer';
    default:
      return 'Update';
  }
}

/** Events worth a notification; availability changes only refresh pages. */
export function isNotable(event: LiveEvent): boolean {
  if (event.type === 'availability.changed') return false;
  if (event.type === 'chat.read' || event.type === 'chat.typing' || event.type === 'presence.changed') return false;
  if (event.type === 'campaign.progress') return false;
  if (event.type === 'chat.message') return event.data.sender === 'customer';
  if (event.type === 'message.status') return event.data.status === 'failed' || event.data.direction === 'inbound';
  if (event.type === 'execution.status') return event.data.status === 'failed';
  return true;
}
