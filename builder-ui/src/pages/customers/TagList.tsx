export function TagList({ tags, max }: { tags: string[] | undefined; max?: number }) {
  if (!tags || tags.length === 0) return <span className="muted">—</span>;
  const shown = max === undefined ? tags : tags.slice(0, max);
  const rest = tags.length - shown.length;
  return (
    <span className="tags">
      {shown.map((t) => (
        <span key={t} className="tag">
          {t}
        </span>
      ))}
      {rest > 0 && <span className="tag tag-more">+{rest}</span>}
    </span>
  );
}
