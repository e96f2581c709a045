import { randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Tenant, User } from '../../db/entities';
import { seedDefaultAutomations } from '../../db/seeders/automations/seed-default-automations';
import { seedDefaultTemplates } from '../../db/seeders/templates/default-templates';
import { hashPassword } from '../auth/passwords';
import type { TokenService } from '../auth/tokens';
import { AppError } from '../errors';
import { type AuthResult, issueAuthResult } from './auth-result';
import { firstFreeSlug, slugify } from './make-slug';

export interface SignupInput {
  businessName: string;
  email: string;
  password: string;
  timezone: string;
  name?: string;
}

/**
 * Creates a business (tenant), its owner, its default message templates and its essential
 * automations (published) in one transaction, and signs the owner in.
 */
export async function signup(options: { em: EntityManager; tokens: TokenService; input: SignupInput }): Promise<AuthResult> {
  const { em, tokens, input } = options;
  const email = input.email.trim().toLowerCase();
  await assertEmailFree(em, email);
  const passwordHash = await hashPassword(input.password);
  const base = slugify(input.businessName);

  for (let attempt = 0; ; attempt++) {
    try {
      return await em.transactional(async (tx) => {
        const taken = await tx.find(Tenant, { slug: { $like: `${base}%` } }, { fields: ['slug'] });
        const slug = attempt === 0 ? firstFreeSlug(base, taken.map((t) => t.slug)) : `${base}-${randomBytes(3).toString('hex')}`;
        const tenant = tx.create(Tenant, { name: input.businessName.trim(), slug, timezone: input.timezone });
        const user = tx.create(User, {
          tenantId: tenant.id,
          email,
          name: input.name?.trim() || input.businessName.trim(),
          passwordHash,
          role: 'owner',
        });
        await tx.flush();
        // The business starts with working confirmations, reminders and no-show defense.
        await seedDefaultTemplates(tx, tenant.id);
        await seedDefaultAutomations(tx, tenant.id);
        return issueAuthResult(tokens, tenant, user);
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      if (String((error as { constraint?: string }).constraint).includes('email')) throw emailTaken(email);
      // Two sign-ups raced for the same slug: try again with a random suffix.
      if (attempt >= 3) throw error;
    }
  }
}

export async function assertEmailFree(em: EntityManager, email: string): Promise<void> {
  const existing = await em.count(User, { email }, { filters: false });
  if (existing > 0) throw emailTaken(email);
}

export function emailTaken(email: string): AppError {
  return new AppError('EMAIL_TAKEN', `An account with the email ${email} already exists`, [
    { path: 'email', message: 'is already registered' },
  ]);
}
