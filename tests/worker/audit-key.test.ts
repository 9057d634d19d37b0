import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { compatibilityDate } from '../support/target';

const persist = mkdtempSync(join(tmpdir(), 'itaku-d1-key-'));
cpSync(inject('d1Template'), persist, { recursive: true });
afterAll(() => rmSync(persist, { recursive: true, force: true }));

const worker = (bindings: Record<string, string>) =>
  new Miniflare({
    scriptPath: inject('workerScript'),
    modulesRoot: dirname(inject('workerScript')),
    modules: true,
    modulesRules: [{ type: 'Text', include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
    compatibilityDate: compatibilityDate(),
    compatibilityFlags: ['nodejs_compat'],
    d1Databases: { DB: '00000000-0000-0000-0000-000000000000' },
    d1Persist: join(persist, 'v3', 'd1'),
    bindings: { ITAKU_LOG_LEVEL: 'silent', ...bindings },
  });

describe('the audit key on Workers', () => {
  it('is required, and a database sealed with one key refuses another', async () => {
    const none = worker({});
    try {
      const res = await none.dispatchFetch('http://itaku.test/healthz');
      expect(res.status).toBe(500);
      expect(await res.text()).toContain('ITAKU_AUDIT_KEY');
    } finally {
      await none.dispose();
    }
    const first = worker({ ITAKU_AUDIT_KEY: 'the-first-audit-key-0123456789abcdefghij' });
    try {
      expect((await first.dispatchFetch('http://itaku.test/healthz')).status).toBe(200);
    } finally {
      await first.dispose();
    }
    const other = worker({ ITAKU_AUDIT_KEY: 'another-audit-key-0123456789abcdefghijkl' });
    try {
      const res = await other.dispatchFetch('http://itaku.test/healthz');
      expect(res.status).toBe(500);
      expect(await res.text()).toMatch(/ITAKU_AUDIT_KEY is not the key this database was sealed with/);
    } finally {
      await other.dispose();
    }
    const again = worker({ ITAKU_AUDIT_KEY: 'the-first-audit-key-0123456789abcdefghij' });
    try {
      expect((await again.dispatchFetch('http://itaku.test/healthz')).status).toBe(200);
    } finally {
      await again.dispose();
    }
  });
});
