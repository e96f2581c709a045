/** Reputation runs 0–100; at or below the tenant's threshold (30 by default) a customer may need a deposit. */
export function ReputationBadge({ score, threshold = 30 }: { score: number | null | undefined; threshold?: number }) {
  if (score === null || score === undefined) return <span className="muted">—</span>;
  const tone = score <= threshold ? 'danger' : score < 70 ? 'warning' : 'success';
  return (
    <span className={`badge badge-${tone}`} title={`Reputation score ${score} of 100`}>
      {Math.round(score)}
    </span>
  );
}
