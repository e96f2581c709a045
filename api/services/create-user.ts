import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Staff, User, type UserRole } from '../../db/entities';
import { hashPassword } from '../auth/passwords';
import type { RequestContext } from '../context';
import { presentUser } from './auth-result';
import { assertReferencesExist } from './references';
import { emailTaken, assertEmailFree } from './signup';
import { createInTenant } from './tenant-scope';

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  role: Exclude<UserRole, 'owner'>;
  staffId?: string | null;
}

/** An owner or admin adds a sign-in for an admin or a staff member of the same business. */
export async function createUser(ctx: RequestContext, input: CreateUserInput): Promise<ReturnType<typeof presentUser>> {
  const email = input.email.trim().toLowerCase();
  await assertEmailFree(ctx.em, email);
  await assertReferencesExist(ctx, [{ path: 'staffId', entity: Staff, ids: input.staffId, label: 'staff member' }]);
  const user = createInTenant(ctx, User, {
    email,
    name: input.name.trim(),
    passwordHash: await hashPassword(input.password),
    role: input.role,
    staffId: input.staffId ?? undefined,
  });
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw emailTaken(email);
    throw error;
  }
  ctx.logger.info({ userId: user.id, role: user.role }, 'user created');
  return presentUser(user);
}

