import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { authApi } from '../api/auth';
import { ApiError } from '../api/errors';
import { useSessionContext } from '../auth/session-context';
import { Alert, ErrorAlert } from '../components/Alert';
import { TextField } from '../components/Field';
import { Spinner } from '../components/Spinner';
import { AuthLayout } from './AuthLayout';

export function LoginPage() {
  const { signIn } = useSessionContext();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: async () => {
      const res = await authApi.login(email.trim(), password);
      await signIn(res.token, res.user && res.tenant ? { user: res.user, tenant: res.tenant } : undefined);
    },
  });
  const fieldErrors = login.error instanceof ApiError ? login.error.fieldErrors() : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate();
  }

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back. Sign in to manage your bookings and automations."
      footer={
        <>
          New to Appointflow? <Link to="/signup">Create a business account</Link>
        </>
      }
    >
      {params.get('expired') && !login.error && (
        <Alert tone="info">Your session has ended. Please sign in again.</Alert>
      )}
      {login.error && <ErrorAlert error={login.error} formFields={['email', 'password']} />}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldErrors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending}>
          {login.isPending ? <Spinner size="sm" label="Signing in…" /> : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
