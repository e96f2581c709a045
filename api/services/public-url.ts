import type { Request } from 'express';
import type { AppConfig } from '../../runtime/config';

/** The address links point at: PUBLIC_URL when set, else the address this request came to. */
export function publicBaseUrl(req: Request, config: Pick<AppConfig, 'PUBLIC_URL'>): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
