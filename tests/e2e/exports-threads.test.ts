import { createHash } from 'node:crypto';
import { type IncomingMessage, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeContractor, daysFromToday, newContractor, passingChecklist, scheduleReview } from '../support/factories';
import { type Client, client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';
import { createTarget, type Target } from '../support/target';

/**
 * The real server reads CSV exports in worker threads on their own connections. The
 * reference is the same request answered by the app reading in place, in pages (the
 * Workers path), on the same database file: the bytes must be the same.
 */
let target: Target;
let admin: Client;
let server: RunningServer;
let contractorId: string;
const auth = () => ({ authorization: `Bearer ${target.adminToken}` });

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  const high = await activeContractor(admin, {
    name: 'スレッド出力株式会社',
    nameKana: 'スレッドシュツリョク',
    handlesSpecialCare: true,
    subjectCount: 150_000,
    dataCategories: ['customers', 'business_partners'],
  });
  contractorId = high.id;
  await newContractor(admin, {
    name: 'Thread Cloud Inc.',
    country: 'US',
    crossBorderBasis: 'equivalent_measures',
    dataCategories: ['employees'],
    riskTierOverride: 'medium',
    riskOverrideReason: '契約で確認済み',
  });
  const sub = await newContractor(admin, { name: '再委託 物流', parentId: high.id, dataCategories: ['customers'] });
  await scheduleReview(admin, sub.id, daysFromToday(-5));
  await scheduleReview(admin, high.id, daysFromToday(-3), 'on_site_audit');
  await scheduleReview(admin, high.id, daysFromToday(7), 'document_review');
  const done = await scheduleReview(admin, high.id, daysFromToday(-40), 'document_review');
  const completed = await admin.post(`/api/v1/reviews/${done.id}/complete`, {
    completedOn: daysFromToday(-20),
    outcome: 'minor_findings',
    checklist: { ...passingChecklist, technical: 'needs_improvement' },
  });
  expect(completed.status).toBe(200);
  const cancelled = await scheduleReview(admin, sub.id, daysFromToday(30), 'document_review');
  expect((await admin.post(`/api/v1/reviews/${cancelled.id}/cancel`, { reason: '重複' })).status).toBe(200);
  // Text stored before the text rules existed: controls, a formula, a line break.
  await target.exec(
    `UPDATE reviews SET notes = '=HYPERLINK("x")' || char(0) || char(8238) || ' 行1' || char(13) || char(10) || '行2' WHERE id = '${done.id}'`,
  );
  server = await startServer({
    ITAKU_DB_PATH: target.dbPath ?? '',
    ITAKU_AUDIT_KEY: target.auditKey,
    ITAKU_LOG_LEVEL: 'error',
    ITAKU_SWEEP_CRON: 'off',
  });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await target?.close();
});

const inPlace = async (path: string) => {
  const res = await admin.get(path);
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};
const fromServer = async (path: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: auth() });
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A download the test reads at its own pace: nothing is read but what it asks for. */
function slowDownload(path: string) {
  const chunks: Buffer[] = [];
  let received = 0;
  let ended = false;
  const req = request(`${server.url}${path}`, { headers: auth() });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  req.end();
  /** Reads until at least `bytes` have come (or the file ended), then reads no more. */
  const until = async (bytes: number): Promise<void> => {
    const res = await response;
    for (;;) {
      while (received < bytes) {
        const chunk = res.read() as Buffer | null;
        if (chunk === null) break;
        chunks.push(chunk);
        received += chunk.length;
      }
      if (received >= bytes || res.readableEnded) return;
      await new Promise((resolve) => {
        res.once('readable', resolve);
        res.once('end', resolve);
      });
    }
  };
  return {
    until,
    ended: () => ended,
    /** Reads the rest and returns the whole body. */
    async rest(): Promise<Buffer> {
      const res = await response;
      for await (const chunk of res) chunks.push(chunk as Buffer);
      ended = true;
      return Buffer.concat(chunks);
    },
    leave: () => req.destroy(),
  };
}

/** More than the header line: rows have come, so the export holds a thread. */
const ROWS_STARTED = 64 * 1024;

describe('exports read in worker threads', () => {
  it('are byte for byte the files read in place, for both files and every filter', async () => {
    const s = '/api/v1/exports/supervision-status.csv';
    const r = '/api/v1/exports/reviews.csv';
    const paths = [
      s,
      `${s}?lang=ja`,
      `${s}?lang=en`,
      `${s}?lang=ja&codes=true`,
      `${s}?headers=ja`,
      `${s}?riskTier=high`,
      `${s}?status=active`,
      `${s}?supervisionStatus=overdue`,
      `${s}?q=${encodeURIComponent('ｽﾚｯﾄﾞ')}`,
      `${s}?parentId=${contractorId}&lang=en`,
      r,
      `${r}?lang=ja`,
      `${r}?lang=en&codes=true`,
      `${r}?headers=ja`,
      `${r}?contractorId=${contractorId}`,
      `${r}?status=completed&completedFrom=${daysFromToday(-30)}&completedTo=${daysFromToday(-10)}&lang=ja`,
      `${r}?kind=document_review`,
      `${r}?status=cancelled&lang=en`,
    ];
    for (const path of paths) {
      const [expected, got] = await Promise.all([inPlace(path), fromServer(path)]);
      expect(got.equals(expected), path).toBe(true);
    }
    // The comparison has rows to compare: the data lines, the hostile note cleaned.
    const all = (await fromServer(s)).toString('utf8').split('\r\n');
    expect(all.length).toBeGreaterThan(4);
    const reviews = (await fromServer(`${r}?contractorId=${contractorId}`)).toString('utf8');
    expect(reviews).toContain(`"'=HYPERLINK(""x"") 行1\n行2"`);
    // A bad filter is refused before any thread is asked.
    const bad = await fetch(`${server.url}${s}?riskTier=extreme`, { headers: auth() });
    expect(bad.status).toBe(400);
  });

  it('never hold up other requests, run side by side, and free their threads when the client leaves', async () => {
    // Enough reviews that a client that stops reading leaves the export half-way
    // (far more than the sockets' buffers hold).
    const cols = (await target.query<{ name: string }>("SELECT name FROM pragma_table_info('reviews')")).map(
      (c) => c.name,
    );
    const values = cols.map((c) => (c === 'id' ? "printf('zz-bulk-%06d', n.i)" : `t.${c}`));
    await target.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
      INSERT INTO reviews (${cols.join(', ')}) SELECT ${values.join(', ')}
      FROM n, (SELECT * FROM reviews WHERE status = 'completed' LIMIT 1) t`);
    const path = '/api/v1/exports/reviews.csv?lang=ja';
    const expected = sha(await inPlace(path));

    const slow = slowDownload(path);
    await slow.until(ROWS_STARTED);
    // While it waits on its client: reads, a write and a second export all answer.
    const api = { ...auth(), 'content-type': 'application/json' };
    const [health, list, created, other] = await Promise.all([
      fetch(`${server.url}/healthz`),
      fetch(`${server.url}/api/v1/contractors?limit=5`, { headers: auth() }),
      fetch(`${server.url}/api/v1/contractors`, {
        method: 'POST',
        headers: api,
        body: JSON.stringify({ name: '並行書込 株式会社', dataCategories: ['customers'] }),
      }),
      fromServer(path),
    ]);
    expect([health.status, list.status, created.status]).toEqual([200, 200, 201]);
    expect(sha(other)).toBe(expected);
    expect(slow.ended()).toBe(false);

    // Clients that leave mid-file, some while still waiting for a thread (the slow reader
    // holds one of the two).
    const leaving = [slowDownload(path), slowDownload(path), slowDownload(path)];
    await Promise.all(leaving.map((l) => l.until(1)));
    for (const l of leaving) l.leave();

    const body = await slow.rest();
    expect(sha(body)).toBe(expected);
    // Both threads are free again: two exports stream rows at the same time, which they
    // could not if a thread were still held for a client that left.
    const both = [slowDownload(path), slowDownload(path)];
    await Promise.all(both.map((d) => d.until(ROWS_STARTED)));
    const bodies = await Promise.all(both.map((d) => d.rest()));
    expect(bodies.map(sha)).toEqual([expected, expected]);
  }, 60_000);
});
