import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for OAuth tokens at rest. Ciphertext format, all parts base64url:
 *
 *   v1.<key id>.<12-byte IV>.<16-byte auth tag>.<ciphertext>
 *
 * The version prefix lets a later format (or key rotation: several keys by id) coexist with rows
 * written today. `aad` binds a ciphertext to its row (the connection id), so a token copied onto
 * another connection fails to decrypt.
 */

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class TokenDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenDecryptError';
  }
}

export interface TokenCipher {
  /** Written into every ciphertext: derived from the key (a GCM tag of a fixed text), stable, reveals nothing. */
  readonly keyId: string;
  encrypt(plaintext: string, aad?: string): string;
  decrypt(ciphertext: string, aad?: string): string;
}

/** Decodes `ENCRYPTION_KEY` (base64 or base64url of exactly 32 bytes). */
export function parseEncryptionKey(encoded: string | undefined): Buffer {
  if (!encoded) throw new Error('ENCRYPTION_KEY is not set: calendar connections need it to store tokens');
  const key = Buffer.from(encoded.trim().replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32) {
    throw new Error(`ENCRYPTION_KEY must be 32 bytes, base64-encoded (got ${key.length} bytes)`);
  }
  return key;
}

/** A key id that does not reveal the key: GCM tag of a fixed text under a fixed IV. */
function keyIdOf(key: Buffer): string {
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.alloc(IV_BYTES));
  cipher.update(Buffer.from('appointflow-key-id'));
  cipher.final();
  return cipher.getAuthTag().subarray(0, 4).toString('hex');
}

export function createTokenCipher(keyInput: Buffer | string | undefined): TokenCipher {
  const key = Buffer.isBuffer(keyInput) ? keyInput : parseEncryptionKey(keyInput);
  if (key.length !== 32) throw new Error('token cipher key must be 32 bytes');
  const keyId = keyIdOf(key);

  return {
    keyId,
    encrypt(plaintext, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [FORMAT, keyId, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(ciphertext, aad) {
      const parts = ciphertext.split('.');
      if (parts.length !== 5) throw new TokenDecryptError('not an encrypted token');
      const [version, id, ivText, tagText, bodyText] = parts as [string, string, string, string, string];
      if (version !== FORMAT) throw new TokenDecryptError(`unsupported token format ${version}`);
      if (id !== keyId) throw new TokenDecryptError('token was encrypted with another key');
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new TokenDecryptError('malformed token');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenDecryptError('token failed authentication (tampered, or wrong key)');
      }
    },
  };
}
