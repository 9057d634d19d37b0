import { describe, expect, it } from 'vitest';
import { alertIdPrefix } from '../../src/platform/ids';

describe('alert ids', () => {
  it('start with the run time in milliseconds, 12 hex digits, so that later runs sort after earlier ones', () => {
    const at = (iso: string) => alertIdPrefix(new Date(iso));
    expect(at('2026-12-03T00:00:00.000Z')).toBe(Date.parse('2026-12-03T00:00:00.000Z').toString(16).padStart(12, '0'));
    expect(at('1970-01-01T00:00:00.001Z')).toBe('000000000001');
    const days = ['2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z', '2027-01-01T00:00:00Z', '2099-12-31T23:59:59Z'];
    const prefixes = days.map(at);
    for (const p of prefixes) expect(p).toMatch(/^[0-9a-f]{12}$/);
    expect([...prefixes].sort()).toEqual(prefixes);
  });
});
