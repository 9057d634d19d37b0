import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTarget, type Target } from '../support/target';

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

const plan = async (sql: string) =>
  (await target.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)).map((r) => r.detail).join(' | ');

/**
 * Every list filter is served by an index (no full scan of the table). Name search (`q`)
 * is an infix match and walks the primary key in page order instead; it stops after one
 * page of matches.
 */
describe('list queries use indexes', () => {
  it.each([
    ["SELECT * FROM contractors WHERE status = 'active' AND id > 'x' ORDER BY id LIMIT 51", 'contractors_status_idx'],
    ["SELECT * FROM contractors WHERE risk_tier = 'high' ORDER BY id LIMIT 51", 'contractors_risk_idx'],
    ["SELECT * FROM contractors WHERE parent_id = 'p' ORDER BY id LIMIT 51", 'contractors_parent_idx'],
    [
      "SELECT * FROM contractors WHERE next_review_due < '2026-11-29' ORDER BY next_review_due, id LIMIT 51",
      'contractors_next_due_idx',
    ],
    [
      "SELECT * FROM contractors WHERE next_review_due >= '2026-11-29' AND next_review_due <= '2026-12-13' AND (next_review_due, id) > ('2026-11-30', 'x') ORDER BY next_review_due, id LIMIT 51",
      'contractors_next_due_idx',
    ],
    ['SELECT * FROM contractors WHERE next_review_due IS NULL ORDER BY id LIMIT 51', 'contractors_next_due_idx'],
    ["SELECT * FROM contractors WHERE id > 'x' ORDER BY id LIMIT 51", 'sqlite_autoindex_contractors_1'],
    ["SELECT * FROM agreements WHERE contractor_id = 'c' ORDER BY id LIMIT 51", 'agreements_contractor_idx'],
    [
      "SELECT * FROM agreements WHERE auto_renew = 0 AND end_date >= '2026-11-29' AND end_date <= '2026-12-29' ORDER BY id LIMIT 51",
      'agreements_end_idx',
    ],
    [
      "SELECT * FROM audit_events WHERE entity_type = 'contractor' AND entity_id = 'x' ORDER BY seq DESC",
      'audit_entity_idx',
    ],
    [
      "SELECT MIN(due_date) FROM reviews WHERE contractor_id = 'c' AND status IN ('scheduled', 'in_progress')",
      /reviews_(open_due|contractor|completed)_idx/,
    ],
    [
      "SELECT * FROM reviews WHERE status IN ('scheduled', 'in_progress') AND due_date < '2026-11-29' ORDER BY due_date, id LIMIT 51",
      'reviews_',
    ],
    ["SELECT * FROM reviews WHERE contractor_id = 'c' ORDER BY due_date, id LIMIT 51", 'reviews_contractor_idx'],
    [
      "SELECT * FROM findings WHERE status = 'open' AND due_date < '2026-11-29' ORDER BY due_date, id LIMIT 51",
      'findings_status_due_idx',
    ],
    ["SELECT * FROM api_tokens WHERE token_hash = 'h' AND revoked_at IS NULL", 'api_tokens_hash_uq'],
    [
      "SELECT outcome FROM reviews WHERE contractor_id = 'c' AND status = 'completed' ORDER BY completed_on DESC LIMIT 1",
      'reviews_completed_idx',
    ],
    ["SELECT id FROM contractors WHERE name = 'x'", 'contractors_name_idx'],
  ] as [string, string | RegExp][])('%s', async (sql, index) => {
    const detail = await plan(sql);
    expect(detail).toMatch(index);
    expect(detail).not.toMatch(/SCAN (contractors|agreements|audit_events|api_tokens)(?! USING)/);
  });
});
