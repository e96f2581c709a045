import { hash } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../../entities/user';

/** Documented in the README and printed by `npm start`: a local demo, never a real account. */
export const DEMO_PASSWORD = 'demo-password-123';
export const DEMO_OWNER_EMAIL = 'owner@demo.appointflow.test';

export interface DemoLogin {
  email: string;
  password: string;
}

export async function buildUsers(
  em: EntityManager,
  options: { tenantId: string; staffId: string; staffName: string; staffEmail: string; createdAt: Date },
): Promise<{ owner: User; staff: User; ownerLogin: DemoLogin; staffLogin: DemoLogin }> {
  const [ownerHash, staffHash] = await Promise.all([hash(DEMO_PASSWORD), hash(DEMO_PASSWORD)]);
  const common = { tenantId: options.tenantId, createdAt: options.createdAt, updatedAt: options.createdAt };
  const owner = em.create(
    User,
    { ...common, email: DEMO_OWNER_EMAIL, name: 'Alex Morgan', role: 'owner', passwordHash: ownerHash },
    { persist: false },
  );
  const staff = em.create(
    User,
    {
      ...common,
      email: options.staffEmail,
      name: options.staffName,
      role: 'staff',
      staffId: options.staffId,
      passwordHash: staffHash,
    },
    { persist: false },
  );
  return {
    owner,
    staff,
    ownerLogin: { email: DEMO_OWNER_EMAIL, password: DEMO_PASSWORD },
    staffLogin: { email: options.staffEmail, password: DEMO_PASSWORD },
  };
}
