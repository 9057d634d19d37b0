import { describe, expect, it } from 'vitest';
import { auditMac, decryptSecret, deriveKeys, encryptSecret, isEncryptedSecret } from '../../src/platform/keys';
import { nodeHmac } from '../../src/platform/node-audit-key';

const SECRET = 'itka_unit_test_secret_0123456789abcdefghij';

describe('keys derived from the audit secret', () => {
  it('give the same seal through Web Crypto (Workers) and Node’s synchronous HMAC', async () => {
    const web = await deriveKeys(SECRET);
    const node = await deriveKeys(SECRET, nodeHmac);
    expect(web.auditMacSync).toBeUndefined();
    expect(node.auditMacSync).toBeTypeOf('function');
    for (const text of ['', '[1,"2026-12-01T00:00:00.000Z","system"]', '委託先'.repeat(100)]) {
      expect(await auditMac(node, text)).toBe(await auditMac(web, text));
    }
  });

  it('differ with the secret', async () => {
    const a = await deriveKeys(SECRET);
    const b = await deriveKeys(`${SECRET}x`);
    expect(await auditMac(a, 'same text')).not.toBe(await auditMac(b, 'same text'));
  });

  it('encrypt stored secrets so that only the same key and context decrypt them', async () => {
    const keys = await deriveKeys(SECRET);
    const stored = await encryptSecret(keys, 'webhook-signing-secret', 'webhook-1');
    expect(isEncryptedSecret(stored)).toBe(true);
    expect(stored).not.toContain('webhook-signing-secret');
    expect(await encryptSecret(keys, 'webhook-signing-secret', 'webhook-1')).not.toBe(stored); // fresh IV
    expect(await decryptSecret(keys, stored, 'webhook-1')).toBe('webhook-signing-secret');
    await expect(decryptSecret(keys, stored, 'webhook-2')).rejects.toThrow();
    await expect(decryptSecret(await deriveKeys(`${SECRET}x`), stored, 'webhook-1')).rejects.toThrow();
  });
});
