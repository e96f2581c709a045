import { z } from '../zod';
import { email } from './common.schema';
import { ianaTimezone } from './timezone.schema';

const password = () => z.string().min(8, 'must be at least 8 characters').max(200);

export const signupSchema = z
  .strictObject({
    businessName: z.string().trim().min(1).max(200),
    email: email(),
    password: password(),
    timezone: ianaTimezone(),
    name: z.string().trim().min(1).max(200).optional().openapi({ description: "The owner's name" }),
  })
  .openapi('SignupInput');

export const loginSchema = z
  .strictObject({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) })
  .openapi('LoginInput');

export const createUserSchema = z
  .strictObject({
    email: email(),
    name: z.string().trim().min(1).max(200),
    password: password(),
    role: z.enum(['admin', 'staff']),
    staffId: z.uuid().nullish(),
  })
  .openapi('CreateUserInput');

const roleSchema = z.enum(['owner', 'admin', 'staff']);
export const tenantSummarySchema = z
  .object({ id: z.uuid(), slug: z.string(), name: z.string(), timezone: z.string() })
  .openapi('TenantSummary');
export const userSummarySchema = z
  .object({ id: z.uuid(), role: roleSchema, email: z.string(), name: z.string() })
  .openapi('UserSummary');
export const userSchema = userSummarySchema
  .extend({ staffId: z.uuid().nullable(), active: z.boolean() })
  .openapi('User');

export const authResultSchema = z
  .object({ token: z.string(), tenant: tenantSummarySchema, user: userSummarySchema })
  .openapi('AuthResult');

export const meSchema = z.object({ tenant: tenantSummarySchema, user: userSchema }).openapi('Me');
