import { useMemo, useState } from 'react';
import { ErrorAlert } from '../components/Alert';
import { TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { formatCount } from '../format';
import { useDebounced } from '../templates/use-debounced';
import { compact } from './filter-edit';
import { SegmentFilterForm } from './SegmentFilterForm';
import { type Segment, type SegmentFilter, useDeleteSegment, useSaveSegment, useSegmentPreview, useSegments } from './segments-api';
import './segments.css';

/** `/segments`: saved customer filters, edited with a live count and a sample of who matches. */
export function SegmentsPage() {
  const list = useSegments();
  const save = useSaveSegment();
  const remove = useDeleteSegment();
  const [editing, setEditing] = useState<{ id?: string; name: string; filter: SegmentFilter }>({ name: '', filter: {} });
  // Memoized: a new object every render would restart the debounce and re-render every 300 ms forever.
  const compacted = useMemo(() => compact(editing.filter), [editing.filter]);
  const filter = useDebounced(compacted, 300);
  const preview = useSegmentPreview(filter);
  const open = (s: Segment) => setEditing({ id: s.id, name: s.name, filter: s.filter });

  return (
    <>
      <PageHeader title="Segments" subtitle="Saved groups of customers that campaigns send to." />
      <div className="segments-layout">
        <aside className="card segments-list" aria-label="Saved segments">
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => setEditing({ name: '', filter: {} })}>New segment</button>
          {list.isPending && <Spinner label="Loading segments" />}
          {list.error && <ErrorAlert error={list.error} />}
          <ul>
            {list.data?.items.map((s) => (
              <li key={s.id}>
                <button type="button" className={`segment-link${editing.id === s.id ? ' active' : ''}`} onClick={() => open(s)}>{s.name}</button>
              </li>
            ))}
          </ul>
        </aside>
        <section className="card card-padded segments-editor" aria-label="Segment">
          <TextField label="Name" value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
          <SegmentFilterForm filter={editing.filter} onChange={(next) => setEditing({ ...editing, filter: next })} />
          {save.error && <ErrorAlert error={save.error} />}
          <div className="segments-actions">
            <button type="button" className="btn btn-primary" disabled={save.isPending || !editing.name.trim()}
              onClick={() => save.mutate({ ...editing, filter: compact(editing.filter) }, { onSuccess: (s) => setEditing({ id: s.id, name: s.name, filter: s.filter }) })}>
              {editing.id ? 'Save changes' : 'Save segment'}
            </button>
            {editing.id && (
              <button type="button" className="btn btn-ghost btn-danger-text" disabled={remove.isPending}
                onClick={() => window.confirm(`Delete the segment “${editing.name}”?`) && remove.mutate(editing.id as string, { onSuccess: () => setEditing({ name: '', filter: {} }) })}>
                Delete
              </button>
            )}
          </div>
        </section>
        <section className="card card-padded segments-preview" aria-label="Matching customers" aria-live="polite">
          <h2 className="card-title">{preview.data ? formatCount(preview.data.count, 'customer') : 'Counting…'} match</h2>
          {preview.error && <ErrorAlert error={preview.error} />}
          <table className="table">
            <thead><tr><th>Name</th><th>Contact</th><th className="num">Visits</th><th>Tags</th></tr></thead>
            <tbody>
              {preview.data?.sample.map((c) => (
                <tr key={c.id}><td className="strong">{c.name}</td><td>{c.phone ?? c.email ?? '—'}</td><td className="num">{c.visitCount}</td><td>{c.tags.join(', ')}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}
