import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTokenService, resolveJwtSecret } from './tokens';

describe('tokens', () => {
  const secret = new TextEncoder().encode('x'.repeat(40));

  test('a signed token verifies back to its claims', async () => {
    const tokens = createTokenService(secret, '1h');
    const token = await tokens.sign({ userId: 'u1', tenantId: 't1', role: 'staff' });
    expect(await tokens.verify(token)).toEqual({ userId: 'u1', tenantId: 't1', role: 'staff' });
  });

  test('tampered, foreign and expired tokens are refused as UNAUTHENTICATED', async () => {
    const tokens = createTokenService(secret, '1h');
    const token = await tokens.sign({ userId: 'u1', tenantId: 't1', role: 'owner' });
    const other = createTokenService(new TextEncoder().encode('y'.repeat(40)), '1h');
    await expect(other.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(tokens.verify(`${token.slice(0, -2)}xx`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const expired = await createTokenService(secret, '-1s' as string).sign({ userId: 'u', tenantId: 't', role: 'owner' }).catch(() => undefined);
    if (expired) await expect(tokens.verify(expired)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('without JWT_SECRET a secret is generated once under DATA_DIR and reused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'af-secret-'));
    const first = resolveJwtSecret({ DATA_DIR: dir, JWT_SECRET: undefined });
    const second = resolveJwtSecret({ DATA_DIR: dir, JWT_SECRET: undefined });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(path.join(dir, 'jwt-secret')).mode & 0o077).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
