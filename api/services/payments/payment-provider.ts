import type { PaymentMethod } from '../../../db/entities';

export interface ChargeRequest {
  amountCents: number;
  currency: string;
  method: PaymentMethod;
  description: string;
  /** Same key, same charge: a provider must not take money twice for it. */
  idempotencyKey: string;
  /** `collect`: the customer pays now (at the desk, or a card on file); `invoice`: record what is owed. */
  mode: 'collect' | 'invoice';
}

export interface ChargeResult {
  status: 'paid' | 'pending' | 'failed';
  providerRef?: string;
  failureMessage?: string;
}

/**
 * What a payment provider does. The built-in manual provider records money staff took in cash or
 * on their own card terminal; a card provider (Stripe, Square) implements the same two calls.
 */
export interface PaymentProvider {
  readonly name: string;
  readonly methods: readonly PaymentMethod[];
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: { providerRef?: string; amountCents: number; currency: string; reason?: string; idempotencyKey: string }): Promise<{ providerRef?: string }>;
}

/** Cash, a terminal outside the system, a bank transfer: the staff member's word is the record. */
export function createManualPaymentProvider(): PaymentProvider {
  return {
    name: 'manual',
    methods: ['cash', 'card', 'manual', 'other'],
    async charge(request) {
      // Nothing can be taken automatically: a system-initiated charge (a membership period) waits as an invoice.
      return request.mode === 'collect' ? { status: 'paid', providerRef: `manual:${request.idempotencyKey}` } : { status: 'pending' };
    },
    async refund(request) {
      return { providerRef: `manual-refund:${request.idempotencyKey}` };
    },
  };
}

export interface PaymentProviders {
  get(name?: string): PaymentProvider;
}

export function createPaymentProviders(extra: readonly PaymentProvider[] = []): PaymentProviders {
  const all = new Map<string, PaymentProvider>([['manual', createManualPaymentProvider()], ...extra.map((p) => [p.name, p] as const)]);
  return {
    get(name = 'manual') {
      const provider = all.get(name);
      if (!provider) throw new Error(`no payment provider named ${name}`);
      return provider;
    },
  };
}
