import { useRef, useState, type MouseEvent as ReactMouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { Appointment } from '../api/calendar';
import { formatTime } from '../time/zoned';
import { minutesIntoDay, PX_PER_HOUR, PX_PER_MINUTE, placeBlocks, snap } from './grid-math';

export interface GridColumn {
  key: string;
  label: string;
  sublabel?: string;
  dayKey: string;
  staffId: string | null;
  /** Appointments can be dropped here and new ones made by clicking. */
  droppable: boolean;
}

export interface BlockLabel {
  title: string;
  subtitle: string;
  color: string;
}

interface Drag {
  appointment: Appointment;
  /** The local day of the column it was picked up from. */
  originDayKey: string;
  pointerId: number;
  startX: number;
  startY: number;
  dx: number;
  dy: number;
  moved: boolean;
}

const MOVE_THRESHOLD_PX = 4;

/**
 * A time grid of columns (staff members of a day, or days of a staff member). Appointments are
 * blocks placed by wall-clock time in the zone; dragging one drops it on another column and time
 * (snapped to 15 min); clicking one opens it; clicking a free cell offers a new appointment there.
 */
export function TimeGrid({
  columns,
  appointmentsOf,
  zone,
  startHour,
  endHour,
  labelOf,
  canDrag,
  pendingIds,
  nowIso,
  onMove,
  onOpen,
  onCreate,
}: {
  columns: GridColumn[];
  appointmentsOf(column: GridColumn): Appointment[];
  zone: string;
  startHour: number;
  endHour: number;
  labelOf(appointment: Appointment): BlockLabel;
  canDrag(appointment: Appointment): boolean;
  pendingIds: ReadonlySet<string>;
  nowIso: string;
  onMove(appointment: Appointment, column: GridColumn, minutes: number): void;
  onOpen(appointment: Appointment, anchor: DOMRect): void;
  onCreate?(column: GridColumn, minutes: number): void;
}) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const hours = Array.from({ length: endHour - startHour }, (_, i) => startHour + i);
  const height = (endHour - startHour) * PX_PER_HOUR;

  const locate = (clientX: number, clientY: number): { column: GridColumn; minutes: number } | null => {
    const rect = bodyRef.current?.getBoundingClientRect();
    if (!rect || columns.length === 0) return null;
    const index = Math.floor(((clientX - rect.left) / rect.width) * columns.length);
    const column = columns[Math.min(columns.length - 1, Math.max(0, index))] as GridColumn;
    const minutes = startHour * 60 + (clientY - rect.top) / PX_PER_MINUTE;
    return { column, minutes };
  };

  /** Where a dragged block would land: the column under the pointer, its top moved by the drag. */
  const target = (d: Drag, clientX: number, clientY: number) => {
    const spot = locate(clientX, clientY);
    if (!spot) return null;
    const originStart = minutesIntoDay(d.appointment.startsAt, d.originDayKey, zone);
    const minutes = snap(originStart + d.dy / PX_PER_MINUTE);
    return { column: spot.column, minutes: Math.max(0, Math.min(24 * 60 - 15, minutes)) };
  };

  const onBlockPointerDown = (event: ReactPointerEvent<HTMLButtonElement>, appointment: Appointment, column: GridColumn) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ appointment, originDayKey: column.dayKey, pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, dx: 0, dy: 0, moved: false });
  };
  const onBlockPointerMove = (event: ReactPointerEvent<HTMLButtonElement>) => {
    if (!drag || drag.pointerId !== event.pointerId) return;
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    const moved = drag.moved || Math.hypot(dx, dy) > MOVE_THRESHOLD_PX;
    if (moved && !canDrag(drag.appointment)) return;
    setDrag({ ...drag, dx, dy, moved });
  };
  const onBlockPointerUp = (event: ReactPointerEvent<HTMLButtonElement>) => {
    if (!drag || drag.pointerId !== event.pointerId) return;
    const finished = drag;
    setDrag(null);
    if (!finished.moved) {
      onOpen(finished.appointment, event.currentTarget.getBoundingClientRect());
      return;
    }
    const landing = target(finished, event.clientX, event.clientY);
    if (landing && landing.column.droppable) onMove(finished.appointment, landing.column, landing.minutes);
  };

  const onBodyClick = (event: ReactMouseEvent<HTMLDivElement>) => {
    if (!onCreate || (event.target as HTMLElement).closest('.cal-block')) return;
    const spot = locate(event.clientX, event.clientY);
    if (!spot || !spot.column.droppable) return;
    onCreate(spot.column, Math.floor(spot.minutes / 30) * 30);
  };

  const dragLanding = drag?.moved ? target(drag, drag.startX + drag.dx, drag.startY + drag.dy) : null;
  const nowColumns = columns.map((c) => minutesIntoDay(nowIso, c.dayKey, zone));

  return (
    <div className="cal-grid" style={{ ['--cal-columns' as string]: columns.length }}>
      <div className="cal-grid-head">
        <div className="cal-gutter-head" />
        {columns.map((c) => (
          <div key={c.key} className="cal-col-head" data-column={c.key}>
            <span className="cal-col-label">{c.label}</span>
            {c.sublabel && <span className="cal-col-sublabel">{c.sublabel}</span>}
          </div>
        ))}
      </div>
      <div className="cal-grid-scroll">
        <div className="cal-gutter" style={{ height }}>
          {hours.map((h) => (
            <div key={h} className="cal-hour-label" style={{ top: (h - startHour) * PX_PER_HOUR }}>
              {formatHour(h)}
            </div>
          ))}
        </div>
        <div className="cal-body" ref={bodyRef} style={{ height }} onClick={onBodyClick} data-testid="calendar-body">
          {hours.map((h) => (
            <div key={h} className="cal-hour-line" style={{ top: (h - startHour) * PX_PER_HOUR }} aria-hidden="true" />
          ))}
          {columns.map((column, index) => {
            const nowMinutes = nowColumns[index] as number;
            return (
              <div key={column.key} className={`cal-col${column.droppable ? '' : ' is-readonly'}${dragLanding?.column.key === column.key ? ' is-drop-target' : ''}`} style={{ left: `${(index / columns.length) * 100}%`, width: `${100 / columns.length}%` }} data-column={column.key} aria-label={`${column.label}${column.sublabel ? ` ${column.sublabel}` : ''}`}>
                {nowMinutes >= startHour * 60 && nowMinutes <= endHour * 60 && <div className="cal-now" style={{ top: (nowMinutes - startHour * 60) * PX_PER_MINUTE }} aria-hidden="true" />}
                {placeBlocks(appointmentsOf(column), column.dayKey, zone, startHour).map(({ appointment, top, height: h, lane, lanes }) => {
                  const label = labelOf(appointment);
                  const dragging = drag?.moved && drag.appointment.id === appointment.id;
                  return (
                    <button
                      key={appointment.id}
                      type="button"
                      className={`cal-block status-${appointment.status}${dragging ? ' is-dragging' : ''}${pendingIds.has(appointment.id) ? ' is-pending' : ''}${canDrag(appointment) ? ' is-draggable' : ''}`}
                      style={{
                        top,
                        height: Math.max(h, 22),
                        left: `calc(${(lane / lanes) * 100}% + 2px)`,
                        width: `calc(${100 / lanes}% - 4px)`,
                        ['--block-color' as string]: label.color,
                        transform: dragging ? `translate(${drag.dx}px, ${drag.dy}px)` : undefined,
                      }}
                      data-testid="calendar-block"
                      data-appointment-id={appointment.id}
                      aria-label={`${label.title}, ${label.subtitle}, ${formatTime(appointment.startsAt, zone)}`}
                      onPointerDown={(e) => onBlockPointerDown(e, appointment, column)}
                      onPointerMove={onBlockPointerMove}
                      onPointerUp={onBlockPointerUp}
                      onPointerCancel={() => setDrag(null)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          onOpen(appointment, e.currentTarget.getBoundingClientRect());
                        }
                      }}
                    >
                      <span className="cal-block-time">
                        {dragging && dragLanding ? `→ ${formatClock(dragLanding.minutes)}` : `${formatTime(appointment.startsAt, zone)} – ${formatTime(appointment.endsAt, zone)}`}
                      </span>
                      <span className="cal-block-title">{label.title}</span>
                      <span className="cal-block-subtitle">{label.subtitle}</span>
                    </button>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function formatHour(h: number): string {
  const suffix = h < 12 || h === 24 ? 'am' : 'pm';
  const n = h % 12 === 0 ? 12 : h % 12;
  return `${n} ${suffix}`;
}

function formatClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
}
