import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { calendarApi, type Appointment, type ServiceItem, type StaffMember } from '../api/calendar';
import { ApiError } from '../api/errors';
import { nextSlotsOf } from '../api/slots';
import { useSession } from '../auth/session-context';
import { ErrorAlert } from '../components/Alert';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { formatWhen, todayIn } from '../time/zoned';
import { AppointmentPopover } from './AppointmentPopover';
import { instantAt, minutesIntoDay } from './grid-math';
import { NewAppointmentDialog } from './NewAppointmentDialog';
import { type GridColumn, TimeGrid } from './TimeGrid';
import { appointmentsKey, useCalendarData } from './use-calendar-data';

const FALLBACK_COLORS = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#ec4899', '#8b5cf6', '#14b8a6', '#ef4444'];
const MOVABLE = new Set<Appointment['status']>(['pending', 'confirmed']);

interface Refusal {
  message: string;
  error: unknown;
  retry?: () => void;
}

/** The admin calendar: a day with a column per staff member, or a staff member's week; drag to move. */
export function CalendarView() {
  const { tenant, user } = useSession();
  const zone = tenant.timezone;
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'week' ? 'week' : 'day';
  const dateParam = params.get('date');
  const date = dateParam && DateTime.fromISO(dateParam, { zone }).isValid ? DateTime.fromISO(dateParam, { zone }).startOf('day') : todayIn(zone);
  const rangeStart = view === 'week' ? date.startOf('week') : date;
  const rangeEnd = rangeStart.plus({ days: view === 'week' ? 7 : 1 });
  const from = rangeStart.toISO() as string;
  const to = rangeEnd.toISO() as string;
  const [showCancelled, setShowCancelled] = useState(false);
  const [open, setOpen] = useState<{ id: string; anchor: DOMRect } | null>(null);
  const [creating, setCreating] = useState<{ startsAt: string; staffId: string | null } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [now, setNow] = useState(() => new Date().toISOString());
  const queryClient = useQueryClient();
  const { staff, services, appointments, customerNames, currency } = useCalendarData({ from, to, slug: tenant.slug });

  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date().toISOString()), 60_000);
    return () => window.clearInterval(timer);
  }, []);

  const activeStaff = useMemo(() => (staff.data?.items ?? []).filter((s) => s.active), [staff.data]);
  const serviceById = useMemo(() => new Map((services.data?.items ?? []).map((s) => [s.id, s])), [services.data]);
  const staffById = useMemo(() => new Map((staff.data?.items ?? []).map((s) => [s.id, s])), [staff.data]);
  const colorOfStaff = useCallback((id: string | null) => {
    const member = id ? staffById.get(id) : undefined;
    if (member?.color) return member.color;
    const index = member ? (staff.data?.items ?? []).indexOf(member) : -1;
    return index >= 0 ? (FALLBACK_COLORS[index % FALLBACK_COLORS.length] as string) : '#64748b';
  }, [staffById, staff.data]);

  const visible = useMemo(() => (appointments.data ?? []).filter((a) => showCancelled || a.status !== 'cancelled'), [appointments.data, showCancelled]);
  const weekStaffId = params.get('staff') ?? activeStaff[0]?.id ?? null;
  const dayKey = date.toISODate() as string;

  const columns: GridColumn[] = useMemo(() => {
    if (view === 'week') {
      return Array.from({ length: 7 }, (_, i) => {
        const d = rangeStart.plus({ days: i });
        return { key: d.toISODate() as string, label: d.toFormat('ccc'), sublabel: d.toFormat('LLL d'), dayKey: d.toISODate() as string, staffId: weekStaffId, droppable: Boolean(weekStaffId) };
      });
    }
    const cols: GridColumn[] = activeStaff.map((s) => ({ key: s.id, label: s.name, dayKey, staffId: s.id, droppable: true }));
    if (visible.some((a) => !a.staffId)) cols.push({ key: 'unassigned', label: 'Unassigned', dayKey, staffId: null, droppable: false });
    return cols;
  }, [view, activeStaff, visible, dayKey, rangeStart, weekStaffId]);

  const appointmentsOf = useCallback(
    (column: GridColumn) =>
      visible.filter((a) => (view === 'week' ? a.staffId === column.staffId && DateTime.fromISO(a.startsAt).setZone(zone).toISODate() === column.dayKey : (a.staffId ?? null) === column.staffId)),
    [visible, view, zone],
  );

  const [startHour, endHour] = useMemo(() => {
    let lo = 8 * 60;
    let hi = 19 * 60;
    for (const a of visible) {
      const day = DateTime.fromISO(a.startsAt).setZone(zone).toISODate() as string;
      lo = Math.min(lo, minutesIntoDay(a.startsAt, day, zone));
      hi = Math.max(hi, Math.min(24 * 60, minutesIntoDay(a.endsAt, day, zone)));
    }
    return [Math.floor(lo / 60), Math.min(24, Math.ceil(hi / 60))];
  }, [visible, zone]);

  const key = appointmentsKey(from, to);
  const move = useMutation({
    mutationFn: (v: { appointment: Appointment; startsAt: string; staffId: string | null; override?: boolean }) =>
      calendarApi.reschedule(v.appointment.id, {
        startsAt: v.startsAt,
        ...(v.staffId !== v.appointment.staffId ? { staffId: v.staffId } : {}),
        ...(v.override ? { override: true, reason: 'Moved on the calendar outside availability' } : {}),
      }),
    onMutate: async (v) => {
      setRefusal(null);
      setPending((p) => new Set(p).add(v.appointment.id));
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Appointment[]>(key);
      const length = Date.parse(v.appointment.endsAt) - Date.parse(v.appointment.startsAt);
      queryClient.setQueryData<Appointment[]>(key, (list) =>
        list?.map((a) => (a.id === v.appointment.id ? { ...a, startsAt: v.startsAt, endsAt: new Date(Date.parse(v.startsAt) + length).toISOString(), staffId: v.staffId } : a)),
      );
      return { previous };
    },
    onError: (error, v, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      const who = customerNames.get(v.appointment.customerId) ?? 'The appointment';
      const canForce = error instanceof ApiError && error.code === 'SLOT_UNAVAILABLE' && (user.role === 'owner' || user.role === 'admin') && !v.override;
      setRefusal({
        message: `${who} was not moved to ${formatWhen(v.startsAt, zone)}`,
        error,
        ...(canForce ? { retry: () => move.mutate({ ...v, override: true }) } : {}),
      });
    },
    onSettled: (_data, _error, v) => {
      setPending((p) => {
        const next = new Set(p);
        next.delete(v.appointment.id);
        return next;
      });
      void queryClient.invalidateQueries({ queryKey: ['calendar', 'appointments'] });
    },
  });

  const onMove = (appointment: Appointment, column: GridColumn, minutes: number) => {
    const startsAt = instantAt(column.dayKey, minutes, zone);
    if (Date.parse(startsAt) === Date.parse(appointment.startsAt) && column.staffId === appointment.staffId) return;
    move.mutate({ appointment, startsAt, staffId: column.staffId });
  };

  const setParam = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const step = (n: number) => setParam({ date: date.plus(view === 'week' ? { weeks: n } : { days: n }).toISODate() as string });
  const opened = open ? (appointments.data ?? []).find((a) => a.id === open.id) : undefined;
  const nameOf = (a: Appointment) => customerNames.get(a.customerId) ?? '…';
  const serviceOf = (a: Appointment): ServiceItem | undefined => serviceById.get(a.serviceId);
  const staffOf = (id: string | null): StaffMember | undefined => (id ? staffById.get(id) : undefined);
  const title = view === 'week' ? `${rangeStart.toFormat('LLL d')} – ${rangeEnd.minus({ days: 1 }).toFormat('LLL d, yyyy')}` : date.toFormat('cccc, LLLL d, yyyy');

  return (
    <>
      <PageHeader title="Calendar" subtitle={`${title} · ${zone.replace(/_/g, ' ')}`} />
      <div className="cal-toolbar" role="toolbar" aria-label="Calendar">
        <div className="cal-seg" role="group" aria-label="View">
          <button type="button" className={`btn btn-sm ${view === 'day' ? 'btn-primary' : 'btn-secondary'}`} aria-pressed={view === 'day'} onClick={() => setParam({ view: null })}>
            Day
          </button>
          <button type="button" className={`btn btn-sm ${view === 'week' ? 'btn-primary' : 'btn-secondary'}`} aria-pressed={view === 'week'} onClick={() => setParam({ view: 'week' })}>
            Week
          </button>
        </div>
        <div className="cal-seg">
          <button type="button" className="btn btn-sm btn-secondary" onClick={() => step(-1)} aria-label={view === 'week' ? 'Previous week' : 'Previous day'}>
            ‹
          </button>
          <button type="button" className="btn btn-sm btn-secondary" onClick={() => setParam({ date: null })}>
            Today
          </button>
          <button type="button" className="btn btn-sm btn-secondary" onClick={() => step(1)} aria-label={view === 'week' ? 'Next week' : 'Next day'}>
            ›
          </button>
        </div>
        <input className="input cal-date" type="date" aria-label="Date" value={date.toISODate() as string} onChange={(e) => e.target.value && setParam({ date: e.target.value })} />
        {view === 'week' && (
          <select className="input cal-staff" aria-label="Staff member" value={weekStaffId ?? ''} onChange={(e) => setParam({ staff: e.target.value })}>
            {activeStaff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
        <label className="cal-toggle">
          <input type="checkbox" className="checkbox" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} /> Show cancelled
        </label>
        {(appointments.isFetching || move.isPending) && <Spinner size="sm" />}
      </div>

      {refusal && (
        <div className="alert alert-error cal-refusal" role="alert" data-testid="calendar-refusal">
          <strong className="alert-title">{refusal.message}</strong>
          <ErrorMessage error={refusal.error} zone={zone} />
          <div className="cal-refusal-actions">
            {refusal.retry && (
              <button type="button" className="btn btn-sm btn-secondary" onClick={refusal.retry}>
                Move anyway (override)
              </button>
            )}
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setRefusal(null)}>
              Dismiss
            </button>
          </div>
        </div>
      )}
      {(staff.isError || appointments.isError) && <ErrorAlert error={staff.error ?? appointments.error} onRetry={() => void appointments.refetch()} />}

      {staff.isPending || appointments.isPending ? (
        <div className="center page-loading">
          <Spinner label="Loading the calendar" />
        </div>
      ) : columns.length === 0 ? (
        <div className="card card-padded">
          <p>Add staff members to see their calendars here.</p>
        </div>
      ) : (
        <div className="card cal-card">
          <TimeGrid
            columns={columns}
            appointmentsOf={appointmentsOf}
            zone={zone}
            startHour={startHour}
            endHour={endHour}
            nowIso={now}
            pendingIds={pending}
            canDrag={(a) => MOVABLE.has(a.status) && !pending.has(a.id)}
            labelOf={(a) => ({ title: nameOf(a), subtitle: serviceOf(a)?.name ?? 'Appointment', color: serviceOf(a)?.color ?? colorOfStaff(a.staffId) })}
            onMove={onMove}
            onOpen={(a, anchor) => setOpen({ id: a.id, anchor })}
            onCreate={(column, minutes) => setCreating({ startsAt: instantAt(column.dayKey, minutes, zone), staffId: column.staffId })}
          />
        </div>
      )}

      {open && opened && (
        <AppointmentPopover
          key={opened.id}
          appointment={opened}
          anchor={open.anchor}
          zone={zone}
          currency={currency}
          customerName={nameOf(opened)}
          serviceName={serviceOf(opened)?.name ?? 'Appointment'}
          staffName={staffOf(opened.staffId)?.name ?? null}
          onChanged={(updated) => {
            queryClient.setQueryData<Appointment[]>(key, (list) => list?.map((a) => (a.id === updated.id ? { ...a, ...updated } : a)));
            void queryClient.invalidateQueries({ queryKey: ['calendar', 'appointments'] });
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {creating && (
        <NewAppointmentDialog
          startsAt={creating.startsAt}
          staffId={creating.staffId}
          staffName={staffOf(creating.staffId)?.name ?? null}
          services={(services.data?.items ?? []).filter((s) => s.active && (!creating.staffId || (staffOf(creating.staffId)?.serviceIds.length ?? 0) === 0 || staffOf(creating.staffId)?.serviceIds.includes(s.id)))}
          zone={zone}
          canOverride={user.role === 'owner' || user.role === 'admin'}
          onBooked={() => {
            setCreating(null);
            void queryClient.invalidateQueries({ queryKey: ['calendar', 'appointments'] });
          }}
          onClose={() => setCreating(null)}
        />
      )}
    </>
  );
}

/** The api words instants in UTC ("2026-11-23T15:00:00.000Z"): shown in the business's zone. */
const localTimes = (text: string, zone: string) =>
  text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g, (iso) => DateTime.fromISO(iso).setZone(zone).toFormat('ccc LLL d, h:mm a'));

/**
 * The refusal in the desk's words: the reason the api gives for the time (its `startsAt` detail)
 * and the next free times it suggests; the api's full message otherwise.
 */
function ErrorMessage({ error, zone }: { error: unknown; zone: string }) {
  if (!(error instanceof ApiError)) return <p>{error instanceof Error ? error.message : 'The server refused the change.'}</p>;
  const reason = Array.isArray(error.details) ? (error.details as Array<{ path?: unknown; message?: unknown }>).find((d) => d.path === 'startsAt' && typeof d.message === 'string') : undefined;
  const next = nextSlotsOf(error).slice(0, 3);
  return (
    <>
      <p>{localTimes(reason ? `Not possible: ${String(reason.message)}.` : error.message, zone)}</p>
      {next.length > 0 && <p className="small">Next free: {next.map((s) => formatWhen(s.startsAt, zone)).join(' · ')}</p>}
    </>
  );
}
