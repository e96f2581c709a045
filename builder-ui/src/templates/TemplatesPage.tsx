import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { TEMPLATE_CHANNELS, useDeleteTemplate, useTemplateList, type TemplateChannel, type TemplateRecord } from '../api/message-templates';
import { useSession } from '../auth/session-context';
import { ErrorAlert } from '../components/Alert';
import { EmptyState } from '../components/EmptyState';
import { ArrowLeftIcon, AutomationsIcon, PlusIcon, SearchIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { formatCount, formatDate } from '../format';
import { CHANNEL_LABELS } from './channels';
import './templates.css';

function DeleteButton({ template, onError }: { template: TemplateRecord; onError(error: unknown): void }) {
  const remove = useDeleteTemplate();
  return (
    <button
      type="button"
      className="btn btn-ghost btn-sm btn-danger-text"
      disabled={remove.isPending}
      aria-label={`Delete ${template.name}`}
      onClick={(e) => {
        e.stopPropagation();
        if (window.confirm(`Delete the template “${template.name}”? Automations cannot send it afterwards.`)) remove.mutate(template.id, { onError });
      }}
    >
      Delete
    </button>
  );
}

/** `/automations/templates`: the texts automations send, by key. */
export function TemplatesPage() {
  const { tenant } = useSession();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [channel, setChannel] = useState<TemplateChannel | ''>('');
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const list = useTemplateList(q, channel);
  const rows = list.data?.items ?? [];
  const open = (t: TemplateRecord) => navigate(`/automations/templates/${t.id}`);

  return (
    <>
      <PageHeader
        title="Message templates"
        back={
          <Link to="/automations" className="back-link">
            <ArrowLeftIcon width={16} height={16} />
            Automations
          </Link>
        }
        subtitle={list.data ? formatCount(list.data.total, 'template') : 'The SMS, WhatsApp and email texts your automations send.'}
        actions={
          <Link to="/automations/templates/new" className="btn btn-primary">
            <PlusIcon width={16} height={16} />
            New template
          </Link>
        }
      />
      {deleteError !== null && (
        <div className="tpl-list-error">
          <ErrorAlert error={deleteError} title="The template was not deleted" />
        </div>
      )}
      <section className="card">
        <div className="toolbar">
          <label className="search">
            <SearchIcon className="search-icon" width={16} height={16} />
            <span className="visually-hidden">Search templates</span>
            <input type="search" className="input search-input" placeholder="Search by key, name or text" value={q} onChange={(e) => setQ(e.target.value)} />
          </label>
          <select className="input input-auto" aria-label="Channel" value={channel} onChange={(e) => setChannel(e.target.value as TemplateChannel | '')}>
            <option value="">All channels</option>
            {TEMPLATE_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
          {list.isFetching && <Spinner size="sm" />}
        </div>
        {list.isError && (
          <div className="card-section">
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        )}
        {list.isPending ? (
          <div className="card-section center">
            <Spinner label="Loading templates" />
          </div>
        ) : rows.length === 0 && !list.isError ? (
          <EmptyState
            icon={<AutomationsIcon width={28} height={28} />}
            title={q || channel ? 'No matching templates' : 'No templates yet'}
            action={
              <Link to="/automations/templates/new" className="btn btn-primary">
                Write one
              </Link>
            }
          >
            Reminders and confirmations send a template by its key.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table table-clickable" aria-label="Message templates">
              <thead>
                <tr>
                  <th scope="col">Name and key</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Text</th>
                  <th scope="col">Updated</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => (
                  <tr key={t.id} onClick={() => open(t)} data-testid={`template-row-${t.key}`}>
                    <td className="strong">
                      <Link to={`/automations/templates/${t.id}`} onClick={(e) => e.stopPropagation()}>
                        {t.name}
                      </Link>
                      {t.system && (
                        <span className="badge badge-neutral tpl-system" title="Created with your account; the standard automations send it">
                          System
                        </span>
                      )}
                      <div className="cell-sub">
                        <code>{t.key}</code>
                      </div>
                    </td>
                    <td className="nowrap">
                      <span className={`badge tpl-channel tpl-channel-${t.channel}`}>{CHANNEL_LABELS[t.channel]}</span>
                    </td>
                    <td className="muted">
                      <div className="tpl-excerpt">{t.channel === 'email' && t.subject ? `${t.subject} — ${t.body}` : t.body}</div>
                    </td>
                    <td className="muted nowrap">{formatDate(t.updatedAt, tenant.timezone)}</td>
                    <td>
                      <div className="row-actions">
                        <DeleteButton template={t} onError={setDeleteError} />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
