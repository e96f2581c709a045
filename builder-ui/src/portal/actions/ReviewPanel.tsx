import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { portalApi, type PortalAppointment } from '../../api/portal';
import { ErrorAlert } from '../../components/Alert';
import { useRefreshBookings } from '../portal-queries';

export function ReviewPanel({ appointment, onClose }: { appointment: PortalAppointment; onClose(): void }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const refresh = useRefreshBookings();
  const send = useMutation({
    mutationFn: () => portalApi.review(appointment.id, { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    onSuccess: () => {
      refresh();
      onClose();
    },
  });
  return (
    <div className="portal-panel" role="region" aria-label="Review">
      <div className="stars" role="radiogroup" aria-label="Rating">
        {[1, 2, 3, 4, 5].map((n) => (
          <button key={n} type="button" role="radio" aria-checked={rating === n} aria-label={`${n} star${n > 1 ? 's' : ''}`} className={`star${n <= rating ? ' is-on' : ''}`} onClick={() => setRating(n)}>
            ★
          </button>
        ))}
      </div>
      <textarea className="input textarea" rows={3} maxLength={2000} placeholder="How was your visit?" value={comment} onChange={(e) => setComment(e.target.value)} aria-label="Comment" />
      {send.isError && <ErrorAlert error={send.error} />}
      <div className="portal-panel-actions">
        <button type="button" className="btn btn-primary" disabled={rating === 0 || send.isPending} onClick={() => send.mutate()}>
          Send review
        </button>
      </div>
    </div>
  );
}
