import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { calendarApi, type Appointment, type ServiceItem } from '../api/calendar';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { Customer, ListResponse } from '../api/types';
import { ErrorAlert } from '../components/Alert';
import { CheckboxField, SelectField, TextField } from '../components/Field';
import { Spinner } from '../components/Spinner';
import { formatWhen } from '../time/zoned';

/** Books from a free cell of the calendar: the staff member and time come from the cell. */
export function NewAppointmentDialog({
  startsAt,
  staffId,
  staffName,
  services,
  zone,
  canOverride,
  onBooked,
  onClose,
}: {
  startsAt: string;
  staffId: string | null;
  staffName: string | null;
  services: ServiceItem[];
  zone: string;
  canOverride: boolean;
  onBooked(appointment: Appointment): void;
  onClose(): void;
}) {
  const [serviceId, setServiceId] = useState(services[0]?.id ?? '');
  const [q, setQ] = useState('');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [override, setOverride] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const customers = useQuery({
    queryKey: ['customers', 'pick', q.trim()],
    queryFn: ({ signal }) => api.get<ListResponse<Customer>>('/api/customers', { q: q.trim() || undefined, limit: 8 }, signal),
    enabled: !customer,
    placeholderData: (previous) => previous,
  });
  const book = useMutation({
    mutationFn: () => calendarApi.create({ serviceId, staffId, customerId: (customer as Customer).id, startsAt, source: 'phone', ...(override ? { override: true } : {}) }),
    onSuccess: onBooked,
  });

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (serviceId && customer) book.mutate();
  };
  const refusedForHours = book.error instanceof ApiError && book.error.code === 'SLOT_UNAVAILABLE';

  return (
    <dialog ref={dialog} className="cal-dialog" onClose={onClose} aria-label="New appointment">
      <form className="form" onSubmit={submit}>
        <h2 className="card-title">New appointment</h2>
        <p className="muted">
          {formatWhen(startsAt, zone)}
          {staffName ? ` · ${staffName}` : ''}
        </p>
        <SelectField label="Service" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.durationMinutes} min)
            </option>
          ))}
        </SelectField>
        {customer ? (
          <div className="field">
            <span className="field-label">Customer</span>
            <div className="cal-picked">
              <strong>{customer.name}</strong>
              <span className="muted small">{customer.email ?? customer.phone}</span>
              <button type="button" className="btn btn-link" onClick={() => setCustomer(null)}>
                Change
              </button>
            </div>
          </div>
        ) : (
          <div className="field">
            <TextField label="Customer" placeholder="Search by name, email or phone" value={q} onChange={(e) => setQ(e.target.value)} autoFocus />
            <ul className="cal-pick-list" aria-label="Matching customers">
              {customers.isPending && <li className="muted">Searching…</li>}
              {customers.data?.items.map((c) => (
                <li key={c.id}>
                  <button type="button" className="cal-pick" onClick={() => setCustomer(c)}>
                    <strong>{c.name}</strong> <span className="muted small">{c.email ?? c.phone}</span>
                  </button>
                </li>
              ))}
              {customers.data && customers.data.items.length === 0 && <li className="muted">No customer matches.</li>}
            </ul>
          </div>
        )}
        {book.isError && <ErrorAlert error={book.error} title="Not booked" />}
        {canOverride && refusedForHours && <CheckboxField label="Book anyway (outside availability)" description="Recorded in the audit log" checked={override} onChange={(e) => setOverride(e.target.checked)} />}
        <div className="form-actions">
          <button type="button" className="btn btn-ghost" onClick={() => dialog.current?.close()}>
            Close
          </button>
          <button type="submit" className="btn btn-primary" disabled={!customer || !serviceId || book.isPending}>
            {book.isPending ? <Spinner size="sm" label="Booking" /> : 'Book'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
