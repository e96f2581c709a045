import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { type CookieOptions, type Response, Router } from 'express';
import { Tenant, User } from '../../db/entities';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { commonErrors } from '../openapi/describe-crud';
import { sessionCookie } from '../middleware/authenticate';
import { requireRole } from '../middleware/require-role';
import { presentTenant, presentUser } from '../services/auth-result';
import { createUser } from '../services/create-user';
import { login } from '../services/login';
import { signup } from '../services/signup';
import { parseInput } from '../validate';
import { authResultSchema, createUserSchema, loginSchema, meSchema, signupSchema, userSchema } from './auth.schema';
import { errorSchema } from './common.schema';

/** Sign-up, login and logout: reachable without a token. */
export function publicAuthRouter(deps: ApiDeps): Router {
  const router = Router();
  const cookie = sessionCookieOptions(deps);

  router.post('/signup', async (req, res) => {
    const input = parseInput(signupSchema, req.body, 'body');
    const result = await signup({ em: deps.orm.em.fork(), tokens: deps.tokens, input });
    req.log.info({ tenantId: result.tenant.id, userId: result.user.id }, 'tenant signed up');
    setSession(res, result.token, cookie);
    res.status(201).json(result);
  });

  router.post('/login', async (req, res) => {
    const input = parseInput(loginSchema, req.body, 'body');
    const result = await login({ em: deps.orm.em.fork(), tokens: deps.tokens, input });
    req.log.info({ tenantId: result.tenant.id, userId: result.user.id }, 'user logged in');
    setSession(res, result.token, cookie);
    res.json(result);
  });

  router.post('/logout', (_req, res) => {
    res.clearCookie(sessionCookie, { ...cookie, maxAge: undefined });
    res.status(204).end();
  });

  return router;
}

/** The signed-in user's own view, and user management for owners and admins. */
export function accountRouter(): Router {
  const router = Router();

  router.get('/me', async (req, res) => {
    const ctx = ctxOf(req);
    const [tenant, user] = await Promise.all([
      ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId }),
      ctx.em.findOneOrFail(User, { id: ctx.user.id }),
    ]);
    res.json({ tenant: presentTenant(tenant), user: presentUser(user) });
  });

  router.post('/users', requireRole('owner', 'admin'), async (req, res) => {
    const input = parseInput(createUserSchema, req.body, 'body');
    res.status(201).json(await createUser(ctxOf(req), input));
  });

  return router;
}

function setSession(res: Response, token: string, options: CookieOptions): void {
  res.cookie(sessionCookie, token, options);
}

function sessionCookieOptions(deps: ApiDeps): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.PUBLIC_URL?.startsWith('https://') ?? deps.config.NODE_ENV === 'production',
    path: '/',
    maxAge: ttlMs(deps.config.TOKEN_TTL),
  };
}

function ttlMs(ttl: string): number {
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[ttl.slice(-1)] ?? 3_600_000;
  return Number.parseInt(ttl, 10) * unit;
}

export function documentAuth(registry: OpenAPIRegistry): void {
  const json = (schema: Parameters<typeof registry.register>[1]) => ({ content: { 'application/json': { schema } } });
  const tags = ['Auth'];
  const security = [{ bearerAuth: [] }];
  registry.registerPath({
    method: 'post', path: '/api/auth/signup', tags, summary: 'Create a business and its owner',
    request: { body: { required: true, ...json(signupSchema) } },
    responses: {
      201: { description: 'Signed up and signed in', ...json(authResultSchema) },
      400: commonErrors[400],
      409: { description: 'Email already registered', ...json(errorSchema) },
    },
  });
  registry.registerPath({
    method: 'post', path: '/api/auth/login', tags, summary: 'Sign in',
    request: { body: { required: true, ...json(loginSchema) } },
    responses: {
      200: { description: 'Signed in; also sets the httpOnly af_session cookie', ...json(authResultSchema) },
      400: commonErrors[400],
      401: { description: 'Wrong email or password', ...json(errorSchema) },
      429: { description: 'Too many attempts', ...json(errorSchema) },
    },
  });
  registry.registerPath({
    method: 'post', path: '/api/auth/logout', tags, summary: 'Clear the session cookie',
    responses: { 204: { description: 'Signed out' } },
  });
  registry.registerPath({
    method: 'get', path: '/api/auth/me', tags, security, summary: 'The signed-in user and business',
    responses: { 200: { description: 'Who you are', ...json(meSchema) }, 401: commonErrors[401] },
  });
  registry.registerPath({
    method: 'post', path: '/api/auth/users', tags, security, summary: 'Add an admin or staff sign-in (owner/admin)',
    request: { body: { required: true, ...json(createUserSchema) } },
    responses: {
      201: { description: 'Created', ...json(userSchema) },
      ...commonErrors,
      403: { description: 'Role not allowed', ...json(errorSchema) },
      409: { description: 'Email already registered', ...json(errorSchema) },
    },
  });
}
