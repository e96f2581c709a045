import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../errors';

const issuer = 'appointflow';
/** A different audience from staff tokens: neither kind is accepted where the other is expected. */
const audience = 'appointflow-portal';

export interface PortalClaims {
  sessionId: string;
  customerId: string;
  tenantId: string;
}

export interface PortalTokenService {
  sign(claims: PortalClaims, expiresAt: Date): Promise<string>;
  verify(token: string): Promise<PortalClaims>;
}

export function createPortalTokenService(secret: Uint8Array): PortalTokenService {
  return {
    async sign(claims, expiresAt) {
      return new SignJWT({ tid: claims.tenantId, cid: claims.customerId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sessionId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(secret);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer, audience });
        if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string' || typeof payload.cid !== 'string') {
          throw new AppError('UNAUTHENTICATED', 'The portal session is missing required claims');
        }
        return { sessionId: payload.sub, tenantId: payload.tid, customerId: payload.cid };
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw new AppError('UNAUTHENTICATED', 'Your portal session has expired; ask for a new sign-in link');
        throw new AppError('UNAUTHENTICATED', 'The portal session is invalid; ask for a new sign-in link');
      }
    },
  };
}
