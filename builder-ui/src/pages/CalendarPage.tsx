import { CalendarView } from '../calendar/CalendarView';

/** Day and week views of the staff's appointments, in the business's zone. */
export function CalendarPage() {
  return <CalendarView />;
}
