import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { portalApi, type PortalAppointment } from '../../api/portal';
import { ErrorAlert } from '../../components/Alert';
import { Spinner } from '../../components/Spinner';
import { formatWhen } from '../../time/zoned';
import { useRefreshBookings } from '../portal-queries';

export function CancelPanel({ appointment, zone, onClose }: { appointment: PortalAppointment; zone: string; onClose(): void }) {
  const [reason, setReason] = useState('');
  const refresh = useRefreshBookings();
  const cancel = useMutation({
    mutationFn: () => portalApi.cancel(appointment.id, reason.trim() || undefined),
    onSuccess: () => {
      refresh();
      onClose();
    },
  });
  return (
    <div className="portal-panel" role="region" aria-label="Cancel booking">
      <p>
        Cancel <strong>{appointment.serviceName}</strong> on {formatWhen(appointment.startsAt, zone)}?
      </p>
      <p className="muted small">Free until {formatWhen(appointment.cancelDeadline, zone)}.</p>
      <label className="field">
        <span className="field-label">
          Reason <span className="muted">(optional)</span>
        </span>
        <input className="input" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </label>
      {cancel.isError && <ErrorAlert error={cancel.error} title="Not cancelled" />}
      <div className="portal-panel-actions">
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Keep it
        </button>
        <button type="button" className="btn btn-danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
          {cancel.isPending ? <Spinner size="sm" label="Cancelling" /> : 'Yes, cancel'}
        </button>
      </div>
    </div>
  );
}
