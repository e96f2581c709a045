import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Customer } from '../../db/entities';
import type { MessageChannel } from '../../db/entities/message-template';

export type Recipient = { ok: true; address: string; name?: string } | { ok: false; reason: 'no_address' | 'invalid_address'; detail: string };

/** Any phone spelling → E.164, or undefined when it is not a valid number. */
export function toE164(phone: string, defaultCountry: CountryCode = 'US'): string | undefined {
  const parsed = parsePhoneNumberFromString(phone.replace(/^whatsapp:/, ''), { defaultCountry });
  return parsed?.isValid() ? parsed.number : undefined;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Where a message to this customer on this channel goes. */
export function resolveRecipient(
  customer: Pick<Customer, 'name' | 'phone' | 'email'>,
  channel: MessageChannel,
  defaultCountry?: CountryCode,
): Recipient {
  if (channel === 'email') {
    const email = customer.email?.trim();
    if (!email) return { ok: false, reason: 'no_address', detail: 'the customer has no email address' };
    if (!EMAIL.test(email)) return { ok: false, reason: 'invalid_address', detail: 'the email address is not valid' };
    return { ok: true, address: email, name: customer.name };
  }
  const phone = customer.phone?.trim();
  if (!phone) return { ok: false, reason: 'no_address', detail: 'the customer has no phone number' };
  const e164 = toE164(phone, defaultCountry);
  if (!e164) return { ok: false, reason: 'invalid_address', detail: 'the phone number is not valid' };
  return { ok: true, address: e164, name: customer.name };
}
