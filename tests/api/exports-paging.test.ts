import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, newContractor, passingChecklist, scheduleReview } from '../support/factories';
import { type Client, client } from '../support/http';
import { createTarget, type Target } from '../support/target';

/**
 * A long export read in keyset pages (on Workers from D1, on Node in place when the app
 * has no export threads): every row once, in id order across page boundaries, while
 * other requests, reads and writes, are answered before the file is finished.
 */
let target: Target;
let admin: Client;
/** Two full pages of 1,000 reviews: the last read finds nothing more. */
const REVIEWS = 2000;

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  const c = await newContractor(admin, { name: 'ページ出力株式会社' });
  const review = await scheduleReview(admin, c.id, daysFromToday(-40), 'document_review');
  const done = await admin.post(`/api/v1/reviews/${review.id}/complete`, {
    completedOn: daysFromToday(-20),
    outcome: 'satisfactory',
    checklist: passingChecklist,
  });
  expect(done.status).toBe(200);
  const cols = (await target.query<{ name: string }>("SELECT name FROM pragma_table_info('reviews')")).map(
    (col) => col.name,
  );
  const values = cols.map((col) => (col === 'id' ? "printf('zz-page-%05d', n.i)" : `t.${col}`));
  const [{ n: existing = 0 } = {}] = await target.query<{ n: number }>('SELECT count(*) AS n FROM reviews');
  await target.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${REVIEWS - existing})
    INSERT INTO reviews (${cols.join(', ')}) SELECT ${values.join(', ')}
    FROM n, (SELECT * FROM reviews LIMIT 1) t`);
});
afterAll(() => target.close());

describe('reviews.csv read in pages', () => {
  it('has every row once, in order, and lets other requests through while it streams', async () => {
    const res = await admin.get('/api/v1/exports/reviews.csv');
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    const first = await reader.read();
    expect(first.done).toBe(false);
    chunks.push(first.value as Uint8Array);

    // The file is still open: a read and a write are answered meanwhile.
    const [list, created] = await Promise.all([
      admin.get('/api/v1/contractors?limit=5'),
      admin.post('/api/v1/contractors', { name: '並行書込 株式会社', dataCategories: ['customers'] }),
    ]);
    expect([list.status, created.status]).toEqual([200, 201]);

    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      chunks.push(next.value);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    const ids = lines.slice(1, -1).map((line) => line.split(',')[0] ?? '');
    expect(ids).toHaveLength(REVIEWS);
    expect(new Set(ids).size).toBe(REVIEWS);
    expect([...ids].sort()).toEqual(ids);
  });
});
