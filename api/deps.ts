import type { Client } from '@temporalio/client';
import type { MikroORM } from '../db/orm';
import type { AppConfig } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import type { TokenService } from './auth/tokens';

/** What the api is built from; routes receive it and pass pieces to domain functions. */
export interface ApiDeps {
  config: AppConfig;
  orm: MikroORM;
  temporal: Client;
  logger: Logger;
  tokens: TokenService;
}
