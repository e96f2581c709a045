import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../api/errors';
import { useSession } from '../auth/session-context';
import { ErrorAlert } from '../components/Alert';
import { CheckboxField, SelectField, TextField } from '../components/Field';
import { Spinner } from '../components/Spinner';
import { type ReportFrequency, type ReportScheduleSetting, useReportSchedules, useSaveReportSchedule } from './report-schedules';
import './report-schedules.css';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const FIELDS = ['enabled', 'recipients', 'weekday', 'dayOfMonth', 'time'];

function ScheduleForm({ setting }: { setting: ReportScheduleSetting }) {
  const save = useSaveReportSchedule();
  const [enabled, setEnabled] = useState(setting.enabled);
  const [recipients, setRecipients] = useState(setting.recipients.join(', '));
  const [weekday, setWeekday] = useState(setting.weekday);
  const [dayOfMonth, setDayOfMonth] = useState(setting.dayOfMonth);
  const [time, setTime] = useState(setting.time);
  useEffect(() => {
    setEnabled(setting.enabled);
    setRecipients(setting.recipients.join(', '));
  }, [setting.enabled, setting.recipients]);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const recipientsError = errors.recipients ?? Object.entries(errors).find(([path]) => path.startsWith('recipients.'))?.[1];
  const weekly = setting.frequency === 'weekly';
  const id = (name: string) => `${setting.frequency}-${name}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    const list = recipients.split(/[\s,;]+/).map((r) => r.trim()).filter(Boolean);
    save.mutate({ frequency: setting.frequency, change: { enabled, recipients: list, time, ...(weekly ? { weekday } : { dayOfMonth }) } });
  }

  return (
    <form className="form report-schedule" onSubmit={submit} noValidate aria-labelledby={id('title')}>
      <h3 id={id('title')} className="report-schedule-title">{weekly ? 'Weekly summary' : 'Monthly summary'}</h3>
      <p className="muted">
        {weekly ? 'The seven days before the day it is sent' : 'The calendar month before'}: revenue, appointments, customers and staff, each against the period before.
      </p>
      {save.error && <ErrorAlert error={save.error} title="The schedule was not saved" formFields={FIELDS} />}
      <CheckboxField label={`Email the ${setting.frequency} summary`} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} error={errors.enabled} />
      <TextField
        label="Recipients"
        name={id('recipients')}
        value={recipients}
        onChange={(e) => setRecipients(e.target.value)}
        error={recipientsError}
        hint="Email addresses, separated by commas."
      />
      <div className="form-row">
        {weekly ? (
          <SelectField label="Day" name={id('weekday')} value={weekday} onChange={(e) => setWeekday(Number(e.target.value))} error={errors.weekday}>
            {WEEKDAYS.map((day, i) => <option key={day} value={i + 1}>{day}</option>)}
          </SelectField>
        ) : (
          <SelectField label="Day of the month" name={id('dayOfMonth')} value={dayOfMonth} onChange={(e) => setDayOfMonth(Number(e.target.value))} error={errors.dayOfMonth}>
            {Array.from({ length: 28 }, (_, i) => <option key={i + 1} value={i + 1}>{i + 1}</option>)}
          </SelectField>
        )}
        <TextField label={`Time (${setting.timezone.replace(/_/g, ' ')})`} name={id('time')} type="time" value={time} onChange={(e) => setTime(e.target.value)} error={errors.time} />
      </div>
      <p className="muted" aria-live="polite">
        {setting.nextRunAt ? `Next: ${new Date(setting.nextRunAt).toLocaleString(undefined, { timeZone: setting.timezone, dateStyle: 'full', timeStyle: 'short' })}. ` : 'Not scheduled. '}
        {setting.lastSentAt ? `Last sent ${new Date(setting.lastSentAt).toLocaleString(undefined, { timeZone: setting.timezone, dateStyle: 'medium', timeStyle: 'short' })}.` : ''}
      </p>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? <Spinner size="sm" label="Saving…" /> : 'Save'}
        </button>
        {save.isSuccess && !save.isPending && <span className="muted" role="status">Saved</span>}
      </div>
    </form>
  );
}

/** Settings → Scheduled reports: the weekly and monthly summaries emailed to the business (owner/admin). */
export function ReportSchedulesSettings() {
  const { user } = useSession();
  const schedules = useReportSchedules();
  if (user.role === 'staff') return null;
  return (
    <section className="card card-padded" aria-labelledby="report-schedules-title">
      <h2 id="report-schedules-title" className="card-title">Scheduled reports</h2>
      {schedules.isPending && <Spinner label="Loading…" />}
      {schedules.error && <ErrorAlert error={schedules.error} title="Scheduled reports could not be loaded" onRetry={() => void schedules.refetch()} />}
      {schedules.data?.items.map((setting) => <ScheduleForm key={setting.frequency as ReportFrequency} setting={setting} />)}
    </section>
  );
}
