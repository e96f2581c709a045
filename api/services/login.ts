import type { EntityManager } from '@mikro-orm/postgresql';
import { Tenant, User } from '../../db/entities';
import { verifyPassword } from '../auth/passwords';
import type { TokenService } from '../auth/tokens';
import { AppError } from '../errors';
import { type AuthResult, issueAuthResult } from './auth-result';

/** Signs a user in by email and password. Every failure gets the same answer. */
export async function login(options: {
  em: EntityManager;
  tokens: TokenService;
  input: { email: string; password: string };
}): Promise<AuthResult> {
  const { em, tokens, input } = options;
  const email = input.email.trim().toLowerCase();
  const user = await em.findOne(User, { email }, { filters: false, populate: ['passwordHash'] });
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid || !user.active) {
    throw new AppError('INVALID_CREDENTIALS', 'The email or password is incorrect');
  }
  const tenant = await em.findOneOrFail(Tenant, { id: user.tenantId });
  user.lastLoginAt = new Date();
  await em.flush();
  return issueAuthResult(tokens, tenant, user);
}
