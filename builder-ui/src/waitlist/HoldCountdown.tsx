import { formatTime, zoneAbbreviation } from '../time/zoned';

const pad = (n: number) => String(n).padStart(2, '0');

/** "12:04" left of the hold, with a bar that empties as it runs out. */
export function HoldCountdown({ expiresAt, holdStartedAt, now, zone }: { expiresAt: string; holdStartedAt: number; now: number; zone: string }) {
  const end = Date.parse(expiresAt);
  const left = Math.max(0, end - now);
  const seconds = Math.ceil(left / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const clock = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
  const total = Math.max(1, end - holdStartedAt);
  const share = Math.min(100, Math.max(0, (left / total) * 100));
  const urgent = left < 2 * 60_000;
  return (
    <div className={`wl-hold${urgent ? ' is-urgent' : ''}`} data-testid="hold-countdown">
      <div className="wl-hold-text">
        <span>Held for you for</span>
        <strong className="wl-hold-clock" role="timer" aria-live="off" aria-label={`${m + h * 60} minutes ${s} seconds left`}>
          {clock}
        </strong>
      </div>
      <div className="wl-hold-bar" aria-hidden="true">
        <div className="wl-hold-fill" style={{ width: `${share}%` }} />
      </div>
      <p className="wl-hold-until">Until {formatTime(expiresAt, zone)} {zoneAbbreviation(zone, expiresAt)}, then it goes to the next person on the waitlist.</p>
    </div>
  );
}
