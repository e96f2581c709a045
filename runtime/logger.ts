import pino, { type Logger } from 'pino';

export type { Logger };

const redact = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    '*.password',
    '*.passwordHash',
    '*.token',
    '*.accessToken',
    '*.refreshToken',
    'password',
    'token',
  ],
  censor: '[redacted]',
};

/** One structured logger per process; pretty output only when a person is watching. */
export function createLogger(options: { level?: string; name?: string; pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? (process.stdout.isTTY && process.env.NODE_ENV !== 'production');
  return pino({
    name: options.name ?? 'appointflow',
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact,
    transport: pretty
      ? { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } }
      : undefined,
  });
}
