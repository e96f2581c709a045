import cors from 'cors';
import express, { type Application, Router } from 'express';
import helmet from 'helmet';
import type { Client } from '@temporalio/client';
import type twilio from 'twilio';
import { createProviders, type Providers } from '../activities/messaging/providers';
import type { MikroORM } from '../db/orm';
import type { AppConfig } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import { createTokenService, resolveJwtSecret, type TokenService } from './auth/tokens';
import type { ApiDeps } from './deps';
import { AppError } from './errors';
import { apiNotFound, errorHandler } from './error-handler';
import { authenticate } from './middleware/authenticate';
import { jsonBody } from './middleware/json-body';
import { authRateLimit, type RateLimitOptions } from './middleware/rate-limit';
import { requestLogging } from './middleware/request-logging';
import { buildOpenApiDocument } from './openapi/document';
import { accountRouter, publicAuthRouter } from './routes/auth.routes';
import { docsRouter } from './routes/docs.routes';
import { healthRouter } from './routes/health.routes';
import { openRouteModules, routeModules } from './routes';
import { icalFeedRouter } from './routes/ical.routes';
import { trackedLinkRouter } from './routes/tracked-links.routes';
import { createPortalTokenService } from './auth/portal-tokens';
import { uploadPaths } from './middleware/upload-file';
import { createPaymentProviders, type PaymentProviders } from './services/payments/payment-provider';
import { twilioWebhooksRouter } from './routes/webhooks.routes';
import { createIntegrationStatus } from './services/messaging/integration-status';
import { findUiDir, staticUi } from './static-ui';

export interface CreateAppOptions {
  config: AppConfig;
  orm: MikroORM;
  temporal: Client;
  logger: Logger;
  /** Defaults to one built from JWT_SECRET or the secret kept under DATA_DIR. */
  tokens?: TokenService;
  /** The built builder-ui; found automatically when omitted, `false` to serve no UI. */
  uiDir?: string | false;
  /** Requests per window and address on /api/auth. */
  authRateLimit?: RateLimitOptions;
  bodyLimit?: string;
  /** Messaging providers for test sends and the status page; default: picked from the config (outbox when nothing is set). */
  providers?: Providers;
  /** Points the Twilio client at a fake in tests. */
  twilioHttpClient?: twilio.RequestClient;
  /** Payment providers; default the built-in manual/cash provider. */
  payments?: PaymentProviders;
}

const apiVersion = '0.1.0';

/** The Express application: middleware, /healthz + /readyz, everything under /api, and the UI. */
export function createApp(options: CreateAppOptions): Application {
  const { config, logger } = options;
  const tokens = options.tokens ?? createTokenService(resolveJwtSecret(config), config.TOKEN_TTL);
  const providers = options.providers ?? createProviders(config, options.twilioHttpClient ? { twilioHttpClient: options.twilioHttpClient } : {});
  const integrationStatus = createIntegrationStatus({ providers, config, ...(options.twilioHttpClient ? { twilioHttpClient: options.twilioHttpClient } : {}) });
  const portalTokens = createPortalTokenService(resolveJwtSecret(config));
  const payments = options.payments ?? createPaymentProviders();
  const deps: ApiDeps = { config, orm: options.orm, temporal: options.temporal, logger, tokens, portalTokens, payments, messaging: { providers, integrationStatus } };

  const app = express();
  app.disable('x-powered-by');
  // Behind docker/k8s ingress the client address comes from X-Forwarded-For set by a private-network proxy.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(requestLogging(logger));
  app.use(helmet());
  const origins = config.CORS_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean);
  if (origins?.length) app.use(cors({ origin: origins, credentials: true, exposedHeaders: ['X-Request-Id', 'Idempotent-Replayed'] }));

  app.use(healthRouter(deps));
  // Twilio posts forms and signs them instead of sending a bearer token: mounted before the JSON-only api.
  app.use('/api/webhooks/twilio', twilioWebhooksRouter(deps));
  app.use(icalFeedRouter(deps));
  app.use(trackedLinkRouter(deps));

  const api = Router();
  api.use(jsonBody(options.bodyLimit, { multipartPaths: uploadPaths }));
  api.use(docsRouter(buildOpenApiDocument([...openRouteModules, ...routeModules], apiVersion)));
  const rateLimit = options.authRateLimit ?? { windowMs: 15 * 60_000, limit: config.NODE_ENV === 'test' ? 10_000 : 100 };
  api.use('/auth', authRateLimit(rateLimit), publicAuthRouter(deps));
  for (const module of openRouteModules) api.use(module.path, module.router(deps));
  api.use(authenticate(deps));
  api.use('/auth', accountRouter());
  for (const module of routeModules) api.use(module.path, module.router(deps));
  api.use(apiNotFound);
  app.use('/api', api);

  const uiDir = options.uiDir === undefined ? findUiDir() : options.uiDir || undefined;
  if (uiDir) app.use(staticUi(uiDir));
  app.use((req) => {
    throw new AppError('NOT_FOUND', `No route ${req.method} ${req.path}`);
  });
  app.use(errorHandler(logger));
  return app;
}
