import type { Tenant, User } from '../../db/entities';
import type { TokenService } from '../auth/tokens';

export interface AuthResult {
  token: string;
  tenant: { id: string; slug: string; name: string; timezone: string };
  user: { id: string; role: User['role']; email: string; name: string };
}

export function presentUser(user: User): AuthResult['user'] & { staffId: string | null; active: boolean } {
  return {
    id: user.id,
    role: user.role,
    email: user.email,
    name: user.name,
    staffId: user.staffId ?? null,
    active: user.active,
  };
}

export function presentTenant(tenant: Tenant): AuthResult['tenant'] {
  return { id: tenant.id, slug: tenant.slug, name: tenant.name, timezone: tenant.timezone };
}

export async function issueAuthResult(tokens: TokenService, tenant: Tenant, user: User): Promise<AuthResult> {
  const token = await tokens.sign({ userId: user.id, tenantId: tenant.id, role: user.role });
  const { id, role, email, name } = presentUser(user);
  return { token, tenant: presentTenant(tenant), user: { id, role, email, name } };
}
