import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/errors';
import { useDeleteTemplate, useSaveTemplate, useTemplate, type TemplateInput, type TemplateRecord } from '../api/message-templates';
import { Alert, ErrorAlert } from '../components/Alert';
import { ArrowLeftIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { FullPageSpinner } from '../components/Spinner';
import { CHANNEL_LABELS } from './channels';
import { saveProblems, type FieldProblems, type TemplateField } from './field-problems';
import { keyFromName } from './key-from-name';
import { PreviewPanel } from './PreviewPanel';
import { TemplateForm, type TemplateDraft } from './TemplateForm';
import './templates.css';

const LIST = '/automations/templates';
const EMPTY: TemplateDraft = { key: '', name: '', channel: 'sms', subject: '', body: '', whatsappContentSid: '' };

const draftOf = (t: TemplateRecord): TemplateDraft => ({ key: t.key, name: t.name, channel: t.channel, subject: t.subject ?? '', body: t.body, whatsappContentSid: t.whatsappContentSid ?? '' });

function inputOf(d: TemplateDraft): TemplateInput {
  return {
    key: d.key.trim(),
    name: d.name.trim(),
    channel: d.channel,
    subject: d.channel === 'email' ? d.subject : null,
    body: d.body,
    whatsappContentSid: d.channel === 'whatsapp' && d.whatsappContentSid.trim() ? d.whatsappContentSid.trim() : null,
  };
}

const same = (a: TemplateDraft, b: TemplateDraft) => JSON.stringify(inputOf(a)) === JSON.stringify(inputOf(b));

const backLink = (
  <Link to={LIST} className="back-link">
    <ArrowLeftIcon width={16} height={16} />
    Message templates
  </Link>
);

/** `/automations/templates/new` and `/automations/templates/:id`: the form beside its live preview. */
export function TemplateEditorPage() {
  const { id } = useParams();
  const loaded = useTemplate(id);
  if (id && loaded.isPending) return <FullPageSpinner label="Loading the template" />;
  if (id && (loaded.isError || !loaded.data)) {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <>
        <PageHeader title="Message template" back={backLink} />
        {missing ? <Alert title="Not found">This template does not exist, or it was deleted.</Alert> : <ErrorAlert error={loaded.error} onRetry={() => void loaded.refetch()} />}
      </>
    );
  }
  return <TemplateEditor key={id ?? 'new'} record={loaded.data} />;
}

function TemplateEditor({ record }: { record: TemplateRecord | undefined }) {
  const navigate = useNavigate();
  const justCreated = (useLocation().state as { created?: boolean } | null)?.created === true;
  const save = useSaveTemplate();
  const remove = useDeleteTemplate();
  const [saved, setSaved] = useState<TemplateDraft>(record ? draftOf(record) : EMPTY);
  const [draft, setDraft] = useState<TemplateDraft>(saved);
  const [keyEdited, setKeyEdited] = useState(Boolean(record));
  const [errors, setErrors] = useState<FieldProblems>({});
  const [savedAt, setSavedAt] = useState<Date | null>(justCreated ? new Date() : null);
  const dirty = !same(draft, saved);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const change = (field: TemplateField, value: string) => {
    setDraft((d) => {
      const next = { ...d, [field]: value } as TemplateDraft;
      if (field === 'name' && !keyEdited) next.key = keyFromName(value);
      return next;
    });
    if (field === 'key') setKeyEdited(true);
    // An answer about the old text no longer applies to the new one.
    setErrors((e) => {
      if (!e[field] && !(field === 'name' && !keyEdited && e.key)) return e;
      const next = { ...e };
      delete next[field];
      if (field === 'name' && !keyEdited) delete next.key;
      return next;
    });
    setSavedAt(null);
    // The banner spoke about the text as it was; what is still wrong stays on its field.
    if (save.isError) save.reset();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    save.mutate(
      { ...(record ? { id: record.id } : {}), input: inputOf(draft) },
      {
        onSuccess: (result) => {
          const next = draftOf(result);
          setSaved(next);
          setDraft(next);
          setSavedAt(new Date());
          if (!record) navigate(`${LIST}/${result.id}`, { replace: true, state: { created: true } });
        },
        onError: (error) => setErrors(saveProblems(error)),
      },
    );
  };

  const destroy = () => {
    if (!record || !window.confirm(`Delete the template “${record.name}”? Automations cannot send it afterwards.`)) return;
    remove.mutate(record.id, { onSuccess: () => navigate(LIST, { replace: true }) });
  };

  const title = record ? record.name : 'New message template';
  const fieldNames = ['key', 'name', 'channel', 'subject', 'body', 'whatsappContentSid'];
  return (
    <>
      <PageHeader
        title={title}
        back={backLink}
        subtitle={
          record ? (
            <>
              <code>{record.key}</code> · {CHANNEL_LABELS[record.channel]}
              {record.system && <span className="badge badge-neutral tpl-system">System</span>}
            </>
          ) : (
            'A text your automations can send by its key.'
          )
        }
        actions={
          record && (
            <button type="button" className="btn btn-secondary btn-danger-text" onClick={destroy} disabled={remove.isPending}>
              Delete
            </button>
          )
        }
      />
      {remove.isError && <ErrorAlert error={remove.error} title="The template was not deleted" />}
      <div className="tpl-layout">
        <form className="card card-padded tpl-editor" onSubmit={submit} noValidate aria-label="Template">
          {save.isError && (
            <div className="tpl-save-error" data-testid="save-error">
              <ErrorAlert error={save.error} title="Not saved" formFields={fieldNames} />
            </div>
          )}
          <TemplateForm draft={draft} errors={errors} onChange={change} keyHint="Automations send this template by its key: lowercase letters, digits, . _ -" />
          <div className="form-actions tpl-actions">
            <button type="submit" className="btn btn-primary" disabled={save.isPending || (Boolean(record) && !dirty)}>
              {save.isPending ? 'Saving…' : record ? 'Save changes' : 'Create template'}
            </button>
            {dirty && record && (
              <button type="button" className="btn btn-ghost" onClick={() => (setDraft(saved), setErrors({}), save.reset())}>
                Discard changes
              </button>
            )}
            <span className="tpl-status" role="status" data-testid="save-status">
              {savedAt && !dirty ? `Saved at ${savedAt.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })}` : dirty ? 'Unsaved changes' : ''}
            </span>
          </div>
        </form>
        <PreviewPanel channel={draft.channel} subject={draft.subject} body={draft.body} />
      </div>
    </>
  );
}
