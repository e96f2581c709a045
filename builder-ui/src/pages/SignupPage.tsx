import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { authApi, type SignupInput } from '../api/auth';
import { ApiError } from '../api/errors';
import { useSessionContext } from '../auth/session-context';
import { ErrorAlert } from '../components/Alert';
import { SelectField, TextField } from '../components/Field';
import { Spinner } from '../components/Spinner';
import { AuthLayout } from './AuthLayout';

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

export function SignupPage() {
  const { signIn } = useSessionContext();
  const [form, setForm] = useState<SignupInput>(() => ({ businessName: '', email: '', password: '', timezone: browserTimeZone() }));
  const zones = useMemo(() => timeZones(form.timezone), [form.timezone]);

  const signup = useMutation({
    mutationFn: async () => {
      const res = await authApi.signup({ ...form, businessName: form.businessName.trim(), email: form.email.trim() });
      await signIn(res.token);
    },
  });
  const fieldErrors = signup.error instanceof ApiError ? signup.error.fieldErrors() : {};

  const set = (key: keyof SignupInput) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    signup.mutate();
  }

  return (
    <AuthLayout
      title="Create your business"
      subtitle="Set up your workspace. Reminders and no-show protection are switched on from day one."
      footer={
        <>
          Already have an account? <Link to="/login">Sign in</Link>
        </>
      }
    >
      {signup.error && <ErrorAlert error={signup.error} formFields={['businessName', 'email', 'password', 'timezone']} />}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label="Business name"
          name="businessName"
          autoComplete="organization"
          required
          autoFocus
          value={form.businessName}
          onChange={set('businessName')}
          error={fieldErrors.businessName}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={fieldErrors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={form.password}
          onChange={set('password')}
          error={fieldErrors.password}
          hint="At least 8 characters."
        />
        <SelectField label="Time zone" name="timezone" value={form.timezone} onChange={set('timezone')} error={fieldErrors.timezone} hint="Appointments and reminders use this zone.">
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn btn-primary btn-block" disabled={signup.isPending}>
          {signup.isPending ? <Spinner size="sm" label="Creating your workspace…" /> : 'Create account'}
        </button>
      </form>
    </AuthLayout>
  );
}
