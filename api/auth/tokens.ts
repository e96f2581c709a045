import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { AppConfig } from '../../runtime/config';
import { type UserRole, userRoles } from '../../db/entities';
import { AppError } from '../errors';

const issuer = 'appointflow';
const audience = 'appointflow-api';

export interface TokenClaims {
  userId: string;
  tenantId: string;
  role: UserRole;
}

export interface TokenService {
  sign(claims: TokenClaims): Promise<string>;
  verify(token: string): Promise<TokenClaims>;
}

/**
 * The signing key: JWT_SECRET when set (required in production); otherwise a random secret
 * created once under DATA_DIR so tokens survive restarts in development. Never logged.
 */
export function resolveJwtSecret(config: Pick<AppConfig, 'JWT_SECRET' | 'DATA_DIR'>): Uint8Array {
  if (config.JWT_SECRET) return new TextEncoder().encode(config.JWT_SECRET);
  const file = path.resolve(config.DATA_DIR, 'jwt-secret');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds a secret shorter than 32 characters; delete it to regenerate`);
  return new TextEncoder().encode(secret);
}

export function createTokenService(secret: Uint8Array, ttl: string): TokenService {
  return {
    async sign(claims) {
      return new SignJWT({ tid: claims.tenantId, role: claims.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(ttl)
        .sign(secret);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer, audience });
        const role = payload.role as UserRole;
        if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string' || !userRoles.includes(role)) {
          throw new AppError('UNAUTHENTICATED', 'The token is missing required claims');
        }
        return { userId: payload.sub, tenantId: payload.tid, role };
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw new AppError('UNAUTHENTICATED', 'The token has expired; sign in again');
        throw new AppError('UNAUTHENTICATED', 'The token is invalid');
      }
    },
  };
}
