import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCreateCustomer } from '../../api/customers';
import { ApiError } from '../../api/errors';
import type { NewCustomerInput } from '../../api/types';
import { ErrorAlert } from '../../components/Alert';
import { CheckboxField, TextField } from '../../components/Field';
import { ArrowLeftIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';

interface FormState {
  name: string;
  email: string;
  phone: string;
  smsOptIn: boolean;
  emailOptIn: boolean;
}

const FORM_FIELDS = ['name', 'email', 'phone', 'smsOptIn', 'emailOptIn'];

const EMPTY: FormState = { name: '', email: '', phone: '', smsOptIn: false, emailOptIn: true };

function toInput(form: FormState): NewCustomerInput {
  const input: NewCustomerInput = { name: form.name.trim(), smsOptIn: form.smsOptIn, emailOptIn: form.emailOptIn };
  if (form.email.trim()) input.email = form.email.trim();
  if (form.phone.trim()) input.phone = form.phone.trim();
  return input;
}

export function NewCustomerPage() {
  const navigate = useNavigate();
  const create = useCreateCustomer();
  const [form, setForm] = useState<FormState>(EMPTY);
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(toInput(form), { onSuccess: (created) => navigate(`/customers/${created.id}`, { replace: true }) });
  }

  const text = (key: 'name' | 'email' | 'phone') => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const flag = (key: 'smsOptIn' | 'emailOptIn') => (e: { target: { checked: boolean } }) => setForm((f) => ({ ...f, [key]: e.target.checked }));

  return (
    <>
      <PageHeader
        title="New customer"
        subtitle="Add someone who books by phone or walks in."
        back={
          <Link to="/customers" className="back-link">
            <ArrowLeftIcon width={16} height={16} />
            Customers
          </Link>
        }
      />
      <section className="card card-padded form-card">
        {create.error && <ErrorAlert error={create.error} title="The customer was not saved" formFields={FORM_FIELDS} />}
        <form className="form" onSubmit={submit} noValidate>
          <TextField label="Full name" name="name" required autoFocus autoComplete="off" value={form.name} onChange={text('name')} error={fieldErrors.name} />
          <div className="form-row">
            <TextField label="Email" name="email" type="email" autoComplete="off" value={form.email} onChange={text('email')} error={fieldErrors.email} />
            <TextField
              label="Mobile phone"
              name="phone"
              type="tel"
              autoComplete="off"
              placeholder="+15550100000"
              value={form.phone}
              onChange={text('phone')}
              error={fieldErrors.phone}
              hint="International format with the country code, for SMS reminders."
            />
          </div>
          <fieldset className="fieldset">
            <legend>Messaging consent</legend>
            <CheckboxField
              label="SMS"
              description="Booking confirmations and reminders by text message."
              checked={form.smsOptIn}
              onChange={flag('smsOptIn')}
              error={fieldErrors.smsOptIn}
            />
            <CheckboxField
              label="Email"
              description="Confirmations, reminders and receipts by email."
              checked={form.emailOptIn}
              onChange={flag('emailOptIn')}
              error={fieldErrors.emailOptIn}
            />
          </fieldset>
          <div className="form-actions">
            <Link to="/customers" className="btn btn-ghost">
              Cancel
            </Link>
            <button type="submit" className="btn btn-primary" disabled={create.isPending}>
              {create.isPending ? <Spinner size="sm" label="Saving…" /> : 'Create customer'}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
