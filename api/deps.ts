import type { Client } from '@temporalio/client';
import type { Providers } from '../activities/messaging/providers';
import type { MikroORM } from '../db/orm';
import type { AppConfig } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import type { PortalTokenService } from './auth/portal-tokens';
import type { TokenService } from './auth/tokens';
import type { PaymentProviders } from './services/payments/payment-provider';
import type { IntegrationStatus } from './services/messaging/integration-status';

/** What the api is built from; routes receive it and pass pieces to domain functions. */
export interface ApiDeps {
  config: AppConfig;
  orm: MikroORM;
  temporal: Client;
  logger: Logger;
  tokens: TokenService;
  /** Customer (portal) sessions: another audience than staff tokens. */
  portalTokens: PortalTokenService;
  /** The payment providers (manual/cash built in). */
  payments: PaymentProviders;
  messaging: {
    /** The providers test messages go through (the worker picks its own from the same config). */
    providers: Providers;
    integrationStatus(): Promise<IntegrationStatus>;
  };
}
