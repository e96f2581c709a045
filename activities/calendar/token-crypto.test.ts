import { randomBytes } from 'node:crypto';
import { googleEventId } from './ids';
import { openTokens, sealTokens } from './oauth';
import { createTokenCipher, parseEncryptionKey, TokenDecryptError } from './token-crypto';

const KEY = randomBytes(32).toString('base64');

describe('token-crypto', () => {
  it('round-trips, with a fresh IV each time and the versioned format', () => {
    const cipher = createTokenCipher(KEY);
    const a = cipher.encrypt('ya29.secret-token', 'conn-1');
    const b = cipher.encrypt('ya29.secret-token', 'conn-1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('secret');
    expect(cipher.decrypt(a, 'conn-1')).toBe('ya29.secret-token');
  });

  it('detects tampering, a wrong row binding and a wrong key', () => {
    const cipher = createTokenCipher(KEY);
    const sealed = cipher.encrypt('refresh-me', 'conn-1');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] ^= 1;
    const tampered = [...parts.slice(0, 4), body.toString('base64url')].join('.');
    expect(() => cipher.decrypt(tampered, 'conn-1')).toThrow(TokenDecryptError);
    const tag = Buffer.from(parts[3]!, 'base64url');
    tag[0] ^= 1;
    expect(() => cipher.decrypt([parts[0], parts[1], parts[2], tag.toString('base64url'), parts[4]].join('.'), 'conn-1')).toThrow(TokenDecryptError);
    expect(() => cipher.decrypt(sealed, 'conn-2')).toThrow(TokenDecryptError);
    expect(() => createTokenCipher(randomBytes(32)).decrypt(sealed, 'conn-1')).toThrow(/another key/);
    expect(() => cipher.decrypt(`v2${sealed.slice(2)}`, 'conn-1')).toThrow(/unsupported token format v2/);
    expect(() => cipher.decrypt('plain', 'conn-1')).toThrow(TokenDecryptError);
  });

  it('seals OAuth tokens as one string', () => {
    const cipher = createTokenCipher(KEY);
    const tokens = { accessToken: 'a', refreshToken: 'r', expiresAt: 1_700_000_000_000 };
    expect(openTokens(cipher, sealTokens(cipher, tokens, 'c'), 'c')).toEqual(tokens);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => parseEncryptionKey(undefined)).toThrow(/ENCRYPTION_KEY is not set/);
    expect(() => parseEncryptionKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
    expect(parseEncryptionKey(randomBytes(32).toString('base64url'))).toHaveLength(32);
  });
});

describe('googleEventId', () => {
  it('is deterministic base32hex within Google rules', () => {
    const id = googleEventId('t1', 'appt-1');
    expect(id).toBe(googleEventId('t1', 'appt-1'));
    expect(id).not.toBe(googleEventId('t1', 'appt-2'));
    expect(id).toMatch(/^[0-9a-v]{5,1024}$/);
  });
});
