import ICAL from 'ical.js';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textMessages } from '../../src/platform/text';
import {
  type ContractorBody,
  daysFromToday,
  newAgreement,
  newContractor,
  passingChecklist,
  scheduleReview,
  today,
} from '../support/factories';
import { type Client, client, problem } from '../support/http';
import { eventually, httpReceiver } from '../support/receivers';
import { createTarget, type Target } from '../support/target';

/**
 * Text that would break another format: line breaks and controls in one-line fields,
 * controls other than LF and TAB in notes, bidi overrides and invisible-only values are
 * refused at every write endpoint, naming the field, and change nothing. Rows stored before
 * the rules existed (written here with raw SQL) still come out as well-formed CSV,
 * iCalendar and JSON.
 */

let target: Target;
let admin: Client;
let receiver: Awaited<ReturnType<typeof httpReceiver>>;
const ids = { contractor: '', agreement: '', review: '', finding: '', incident: '', alert: '' };

type Body = Record<string, unknown>;

beforeAll(async () => {
  receiver = await httpReceiver();
  target = await createTarget();
  admin = client(target);
  const c = await newContractor(admin, { name: '入力検証株式会社' });
  ids.contractor = c.id;
  ids.agreement = (await newAgreement(admin, c.id)).id;
  ids.review = (await scheduleReview(admin, c.id, daysFromToday(-3))).id;
  const finding = await admin.post('/api/v1/findings', findingBody);
  ids.finding = ((await finding.json()) as ContractorBody).id;
  const incident = await admin.post('/api/v1/incidents', incidentBody);
  ids.incident = ((await incident.json()) as ContractorBody).id;
  expect((await admin.post('/api/v1/jobs/sweep')).status).toBe(200);
  const alerts = (await (await admin.get('/api/v1/alerts?limit=200')).json()) as { items: { id: string }[] };
  ids.alert = alerts.items[0]?.id ?? '';
  expect(ids.alert).not.toBe('');
});
afterAll(async () => {
  await target.close();
  await receiver.close();
});

const findingBody = {
  get contractorId() {
    return ids.contractor;
  },
  severity: 'low',
  category: 'technical',
  description: '鍵の管理簿が未整備',
  dueDate: daysFromToday(30),
};
const incidentBody = {
  get contractorId() {
    return ids.contractor;
  },
  summary: '誤送付',
  discoveredOn: today(),
  affectedCount: 1,
};

// ---------------------------------------------------------------------------------------
// The bad values, and the message each earns.

const m = textMessages;
/** The message code each of those messages is sent with. */
const codeOf = (message: string) =>
  (Object.entries(m).find(([, text]) => text === message)?.[0] ?? 'unknown') as string;
const INVISIBLE = '\u200B\u200C\u200D\u2060\uFEFF';
/** For names, titles, references, assignees. */
const singleLineBad: [string, string, string][] = [
  ['LF', '株式会社\nBcc: evil@example.com', m.oneLine],
  ['CR', '株式会社\rX', m.oneLine],
  ['CRLF', '株式会社\r\nSubject: injected', m.oneLine],
  ['a trailing LF', '株式会社\n', m.oneLine],
  ['TAB', '株式\t会社', m.oneLine],
  ['NUL', '株式会社\u0000', m.oneLine],
  ['ESC', '株式会社\u001b[31m', m.oneLine],
  ['DEL', '株式\u007F会社', m.oneLine],
  ['C1 (NEL)', '株式\u0085会社', m.oneLine],
  ['U+2028', '株式\u2028会社', m.oneLine],
  ['U+202E', '株式会社\u202Egpj.exe', m.bidi],
  ['U+2066', '株式\u2066会社', m.bidi],
  ['zero-width only', INVISIBLE, m.invisible],
];
/** For notes, descriptions, summaries, reasons, evidence: LF, CRLF and TAB are fine. */
const multiLineBad: [string, string, string][] = [
  ['NUL', '所見\u0000あり', m.multiLine],
  ['ESC', '所見\u001b[2Jあり', m.multiLine],
  ['a lone CR', '所見\rあり', m.multiLine],
  ['vertical tab', '所見\u000Bあり', m.multiLine],
  ['DEL', '所見\u007Fあり', m.multiLine],
  ['C1 (CSI)', '所見\u009Bあり', m.multiLine],
  ['U+2029', '所見\u2029あり', m.multiLine],
  ['U+202D', '所見\u202Dあり', m.bidi],
  ['U+2069', '所見\u2069あり', m.bidi],
  ['zero-width only', `${INVISIBLE}\n${INVISIBLE}`, m.invisible],
];

/** A copy of `body` with `value` at the dotted `path` (`findings.0.description`). */
function withField(body: Body, path: string, value: unknown): Body {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1) ?? ''] = value;
  return copy;
}

async function snapshot(): Promise<string> {
  const tables = ['contractors', 'agreements', 'reviews', 'findings', 'incidents', 'alerts', 'users'];
  const rows = [];
  for (const t of tables) rows.push(await target.query(`SELECT * FROM ${t} ORDER BY id`));
  rows.push(await target.query('SELECT count(*) AS n FROM audit_events'));
  return JSON.stringify(rows);
}

interface Endpoint {
  method: 'POST' | 'PATCH';
  path: () => string;
  body: () => Body;
  single?: string[];
  multi?: string[];
}

const endpoints: Record<string, Endpoint> = {
  'POST /contractors': {
    method: 'POST',
    path: () => '/api/v1/contractors',
    body: () => ({
      name: '新規委託先',
      dataCategories: ['customers'],
      riskTierOverride: 'high',
      riskOverrideReason: '過去の事故',
    }),
    single: ['name', 'nameKana', 'contactName'],
    multi: ['services', 'riskOverrideReason'],
  },
  'PATCH /contractors/{id}': {
    method: 'PATCH',
    path: () => `/api/v1/contractors/${ids.contractor}`,
    body: () => ({}),
    single: ['name', 'nameKana', 'contactName'],
    multi: ['services'],
  },
  'POST /agreements': {
    method: 'POST',
    path: () => '/api/v1/agreements',
    body: () => ({
      contractorId: ids.contractor,
      title: '業務委託契約',
      reference: 'C-1',
      purpose: '配送',
      dataCategories: ['customers'],
      startDate: daysFromToday(-10),
      reconsignment: 'allowed',
      terminatedOn: today(),
      dataDisposition: { method: 'deleted', confirmedOn: today(), evidence: '消去証明書' },
    }),
    single: ['title', 'reference'],
    multi: ['purpose', 'dataDisposition.evidence'],
  },
  'PATCH /agreements/{id}': {
    method: 'PATCH',
    path: () => `/api/v1/agreements/${ids.agreement}`,
    body: () => ({}),
    single: ['title', 'reference'],
    multi: ['purpose'],
  },
  'POST /reviews': {
    method: 'POST',
    path: () => '/api/v1/reviews',
    body: () => ({ contractorId: ids.contractor, kind: 'document_review', dueDate: today() }),
    single: ['assignee'],
  },
  'PATCH /reviews/{id}': {
    method: 'PATCH',
    path: () => `/api/v1/reviews/${ids.review}`,
    body: () => ({}),
    single: ['assignee'],
    multi: ['notes'],
  },
  'POST /reviews/{id}/complete': {
    method: 'POST',
    path: () => `/api/v1/reviews/${ids.review}/complete`,
    body: () => ({
      completedOn: today(),
      outcome: 'minor_findings',
      checklist: passingChecklist,
      notes: '概ね良好',
      findings: [{ severity: 'low', category: 'human', description: '研修記録なし', dueDate: daysFromToday(30) }],
    }),
    multi: ['notes', 'findings.0.description'],
  },
  'POST /reviews/{id}/cancel': {
    method: 'POST',
    path: () => `/api/v1/reviews/${ids.review}/cancel`,
    body: () => ({ reason: '重複' }),
    multi: ['reason'],
  },
  'POST /findings': {
    method: 'POST',
    path: () => '/api/v1/findings',
    body: () => ({ ...findingBody }),
    multi: ['description'],
  },
  'PATCH /findings/{id}': {
    method: 'PATCH',
    path: () => `/api/v1/findings/${ids.finding}`,
    body: () => ({}),
    multi: ['description', 'resolutionNote'],
  },
  'POST /incidents': {
    method: 'POST',
    path: () => '/api/v1/incidents',
    body: () => ({ ...incidentBody }),
    multi: ['summary'],
  },
  'PATCH /incidents/{id}': {
    method: 'PATCH',
    path: () => `/api/v1/incidents/${ids.incident}`,
    body: () => ({}),
    multi: ['summary'],
  },
  'POST /incidents/{id}/close': {
    method: 'POST',
    path: () => `/api/v1/incidents/${ids.incident}/close`,
    body: () => ({ summary: '対応完了' }),
    multi: ['summary'],
  },
  'POST /users': {
    method: 'POST',
    path: () => '/api/v1/users',
    body: () => ({ name: '新規利用者', role: 'manager' }),
    single: ['name'],
  },
  'POST /alerts/{id}/resolve': {
    method: 'POST',
    path: () => `/api/v1/alerts/${ids.alert}/resolve`,
    body: () => ({ note: '対応済み' }),
    multi: ['note'],
  },
};

describe('bad characters at every write endpoint', () => {
  it.each(Object.keys(endpoints))('%s: 400 naming the field, nothing changed', async (name) => {
    const e = endpoints[name] as Endpoint;
    const cases = [
      ...(e.single ?? []).flatMap((field) =>
        singleLineBad.map(([kind, value, message]) => ({ field, kind, value, message })),
      ),
      ...(e.multi ?? []).flatMap((field) =>
        multiLineBad.map(([kind, value, message]) => ({ field, kind, value, message })),
      ),
    ];
    const before = await snapshot();
    for (const c of cases) {
      const res = await admin.send(e.method, e.path(), withField(e.body(), c.field, c.value));
      const label = `${name} ${c.field} with ${c.kind}`;
      expect(res.status, label).toBe(400);
      const body = await problem(res);
      expect(body.type, label).toBe('/problems/validation');
      // Only this field is wrong (the rest of the body is valid), with this message.
      expect(body.errors, label).toEqual([{ path: c.field, message: c.message, code: codeOf(c.message) }]);
    }
    expect(await snapshot(), `${name}: a refused request changed the database`).toBe(before);
  });

  it('the CSV import refuses such a row, naming the row and field, and imports nothing', async () => {
    const csv = Papa.unparse(
      [
        ['name', 'nameKana', 'contactName', 'services', 'dataCategories'],
        ['株式会社正常', 'カブシキガイシャセイジョウ', '', '配送\n保管', 'customers'],
        ['株式会社\r\nBcc: x', '', '', '', 'customers'],
        ['株式会社三', 'カナ\u202E', '山田\u0000', '配送\u001b', 'customers'],
        [INVISIBLE, '', '', '', 'customers'],
      ],
      { newline: '\r\n' },
    );
    const before = await snapshot();
    const res = await target.fetch('/api/v1/imports/contractors', {
      method: 'POST',
      headers: { authorization: `Bearer ${target.adminToken}`, 'content-type': 'text/csv' },
      body: new TextEncoder().encode(csv),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      created: number;
      errors: { row: number; field: string; message: string; code: string }[];
    };
    expect(body.created).toBe(0);
    expect(body.errors.map(({ row, field, message, code }) => ({ row, field, message, code }))).toEqual([
      { row: 2, field: 'name', message: m.oneLine, code: 'oneLine' },
      { row: 3, field: 'nameKana', message: m.bidi, code: 'bidi' },
      { row: 3, field: 'contactName', message: m.oneLine, code: 'oneLine' },
      { row: 3, field: 'services', message: m.multiLine, code: 'multiLine' },
      { row: 4, field: 'name', message: m.invisible, code: 'invisible' },
    ]);
    expect(await snapshot()).toBe(before);
  });
});

describe('text that is fine', () => {
  it('a Japanese name with full-width spaces, kana and half-width kana is stored as typed', async () => {
    const typed = {
      name: '株式会社　サンプル物流　東京支店',
      nameKana: 'ｶﾌﾞｼｷｶﾞｲｼｬ　サンプルブツリュウ',
      contactName: '山田　花子',
    };
    const res = await admin.post('/api/v1/contractors', { ...typed, dataCategories: ['customers'] });
    expect(res.status).toBe(201);
    const created = (await res.json()) as ContractorBody;
    expect(created).toMatchObject(typed);
    expect(await (await admin.get(`/api/v1/contractors/${created.id}`)).json()).toMatchObject(typed);
    const [row] = await target.query<Body>('SELECT name, name_kana FROM contractors WHERE id = ?', created.id);
    expect(row).toEqual({ name: typed.name, name_kana: typed.nameKana });

    const user = await admin.post('/api/v1/users', { name: '監査　太郎', role: 'manager' });
    expect(user.status).toBe(201);
    expect(((await user.json()) as { user: { name: string } }).user.name).toBe('監査　太郎');
  });

  it('multi-line notes keep their line breaks (CRLF becomes LF) and tabs', async () => {
    const sent = '所見:\r\n\t1. 鍵の管理簿なし\r\n\t2. 入退室記録　一部欠落\n\n以上';
    const kept = '所見:\n\t1. 鍵の管理簿なし\n\t2. 入退室記録　一部欠落\n\n以上';
    const c = await newContractor(admin, { services: sent });
    expect(c.services).toBe(kept);
    const review = await scheduleReview(admin, c.id, daysFromToday(10));
    const patched = await admin.patch(`/api/v1/reviews/${review.id}`, { notes: sent, assignee: '監査　太郎' });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ notes: kept, assignee: '監査　太郎' });
    const finding = await admin.post('/api/v1/findings', { ...findingBody, contractorId: c.id, description: sent });
    expect(finding.status).toBe(201);
    expect(((await finding.json()) as Body).description).toBe(kept);
    const incident = await admin.post('/api/v1/incidents', { ...incidentBody, contractorId: c.id, summary: sent });
    expect(incident.status).toBe(201);
    expect(((await incident.json()) as Body).summary).toBe(kept);
  });
});

// ---------------------------------------------------------------------------------------
// Outputs: rows written before the rules existed.

/** A SQL expression for any string, control characters included (NUL too). */
const sqlText = (s: string) => {
  const codes = [...s].map((ch) => ch.codePointAt(0));
  const chunks: string[] = [];
  for (let i = 0; i < codes.length; i += 50) chunks.push(`char(${codes.slice(i, i + 50).join(',')})`);
  return chunks.join(' || ');
};

const HOSTILE_NAME = '\u0000=HYPERLINK("http://evil.example")\r\nBcc: evil@example.com\u001b[31m\u202Etxt.exe\u2066';
const HOSTILE_NOTES = 'line one\r\nline two\u0000\u000B\u2028line three\u202E\tend';
/** Anything that may not appear in a cell or a property value once written out. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

describe('outputs of rows stored before the rules', () => {
  let hostile: ContractorBody;
  let reviewId: string;

  beforeAll(async () => {
    hostile = await newContractor(admin, { name: '旧データ株式会社' });
    reviewId = (await scheduleReview(admin, hostile.id, daysFromToday(5))).id;
    await newAgreement(admin, hostile.id, {
      title: '自動更新契約',
      endDate: daysFromToday(100),
      autoRenew: true,
      renewalTermMonths: 12,
      noticePeriodDays: 30,
    });
    const leak = await admin.post('/api/v1/incidents', {
      contractorId: hostile.id,
      summary: '不正アクセス',
      discoveredOn: daysFromToday(-1),
      affectedCount: 5000,
    });
    expect(leak.status).toBe(201);
    await target.exec(`UPDATE contractors SET name = ${sqlText(HOSTILE_NAME)},
      services = ${sqlText(HOSTILE_NOTES)} WHERE id = '${hostile.id}'`);
    await target.exec(`UPDATE reviews SET notes = ${sqlText(HOSTILE_NOTES)},
      assignee = ${sqlText('監査\r\n期限 / Due: 2099-01-01\u0000')} WHERE id = '${reviewId}'`);
    await target.exec(`UPDATE agreements SET title = ${sqlText('契約\n状態 / Status: 完了\u202E')},
      reference = ${sqlText('R-1\r\n')} WHERE contractor_id = '${hostile.id}'`);
    await target.exec(`UPDATE incidents SET summary = ${sqlText('一行目\r\n発覚日 / Discovered on: 1999-01-01\u0000\u202E')}
      WHERE contractor_id = '${hostile.id}'`);
    const [stored] = await target.query<{ name: string }>('SELECT name FROM contractors WHERE id = ?', hostile.id);
    expect(stored?.name).toBe(HOSTILE_NAME); // the premise: the raw row holds every character
  });

  it('the supervision CSV keeps one row per contractor, line breaks inside quoted cells, no controls', async () => {
    const res = await admin.get('/api/v1/exports/supervision-status.csv');
    expect(res.status).toBe(200);
    const text = await res.text();
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    const [count] = await target.query<{ n: number }>('SELECT count(*) AS n FROM contractors');
    expect(rows).toHaveLength(count?.n ?? -1);
    for (const r of rows) expect(r).toHaveLength(header?.length ?? 0);
    const row = rows.find((r) => r[header?.indexOf('id') ?? -1] === hostile.id);
    const cell = (field: string) => row?.[header?.indexOf(field) ?? -1];
    // NUL gone: the `=` it hid is found and protected; CRLF kept as LF inside the cell.
    expect(cell('name')).toBe('\'=HYPERLINK("http://evil.example")\nBcc: evil@example.com[31mtxt.exe');
    expect(cell('services')).toBe('line one\nline two\nline three\tend');
    for (const r of rows) for (const v of r) expect(v).not.toMatch(UNSAFE);
  });

  it('the review CSV keeps notes inside one quoted cell', async () => {
    const res = await admin.get(`/api/v1/exports/reviews.csv?contractorId=${hostile.id}`);
    const parsed = Papa.parse<string[]>((await res.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    const row = rows.find((r) => r[0] === reviewId);
    expect(row?.[header?.indexOf('contractorName') ?? -1]).toBe(
      '\'=HYPERLINK("http://evil.example")\nBcc: evil@example.com[31mtxt.exe',
    );
    expect(row?.[header?.indexOf('notes') ?? -1]).toBe('line one\nline two\nline three\tend');
    expect(row?.[header?.indexOf('assignee') ?? -1]).toBe('監査\n期限 / Due: 2099-01-01');
    for (const r of rows) for (const v of r) expect(v).not.toMatch(UNSAFE);
  });

  it('the calendar feed stays well-formed: one-line summaries, no forged description lines, no controls', async () => {
    const res = await admin.get(`/api/v1/calendar.ics?contractorId=${hostile.id}`);
    expect(res.status).toBe(200);
    const ics = await res.text();
    // Content lines are separated by CRLF; a folded line continues with a space; nothing else.
    for (const line of ics.split('\r\n')) {
      expect(line).toMatch(/^([A-Z][A-Z0-9-]*[;:]| )/);
      expect(line).not.toMatch(/[\r\n]/);
      expect(line).not.toMatch(UNSAFE);
    }
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    const uids = events.map((e) => String(e.getFirstPropertyValue('uid')));
    expect(uids).toEqual(
      expect.arrayContaining([
        `review-${reviewId}@itaku`,
        expect.stringMatching(/^agreement-.*-notice@itaku$/),
        expect.stringMatching(/^incident-.*-preliminary@itaku$/),
        expect.stringMatching(/^incident-.*-final@itaku$/),
      ]),
    );
    const labels =
      /^(委託先|種類|期限|状態|担当者|契約|現在の終了日|通知期間|更新期間|事案|発覚日) \/ |^ {2}|^個人情報保護委員会|^自動更新しない/;
    for (const e of events) {
      const summary = String(e.getFirstPropertyValue('summary'));
      expect(summary).not.toMatch(/\n/);
      expect(summary).toContain('=HYPERLINK("http://evil.example") Bcc: evil@example.com[31mtxt.exe');
      const description = String(e.getFirstPropertyValue('description'));
      const lines = description.split('\n');
      for (const line of lines) expect(line).toMatch(labels);
      // Each label starts one line at most: a stored value cannot forge another.
      const starts = lines.map((l) => /^(\S+) \//.exec(l)?.[1]).filter(Boolean);
      expect(new Set(starts).size, description).toBe(starts.length);
      expect(description).not.toMatch(UNSAFE);
    }
    const review = events.find((e) => String(e.getFirstPropertyValue('uid')).startsWith('review-'));
    expect(String(review?.getFirstPropertyValue('description'))).toContain(
      '担当者 / Assignee: 監査 期限 / Due: 2099-01-01',
    );
    const incident = events.find((e) => String(e.getFirstPropertyValue('uid')).startsWith('incident-'));
    expect(String(incident?.getFirstPropertyValue('description'))).toContain(
      '事案 / Incident: 一行目\n  発覚日 / Discovered on: 1999-01-01',
    );
  });

  it('a webhook payload built in SQL is valid JSON with the controls escaped', async () => {
    const hook = await admin.post('/api/v1/webhooks', {
      url: receiver.url,
      secret: 'text-safety-secret-0001',
      events: ['review_overdue'],
    });
    expect(hook.status, await hook.clone().text()).toBe(201);
    const name = 'Webhook\r\n\u0000\u202E社';
    const c = await newContractor(admin, { name: 'Webhook社' });
    await scheduleReview(admin, c.id, daysFromToday(-2));
    await target.exec(`UPDATE contractors SET name = ${sqlText(name)} WHERE id = '${c.id}'`);
    expect((await admin.post('/api/v1/jobs/sweep')).status).toBe(200);
    const [row] = await target.query<{ payload: string }>(
      "SELECT o.payload FROM outbox o WHERE o.channel = 'webhook' AND o.payload LIKE ?",
      `%${c.id}%`,
    );
    const check = (raw: string) => {
      for (const ch of ['\r', '\n', '\u0000']) expect(raw).not.toContain(ch);
      expect(raw).toContain('Webhook\\r\\n\\u0000');
      const event = JSON.parse(raw) as { alert: { contractorId: string; contractorName: string } };
      expect(event.alert).toMatchObject({ contractorId: c.id, contractorName: name });
    };
    check(row?.payload ?? '');
    // And as the receiver gets it.
    await eventually(() => receiver.received.some((r) => r.body.includes(c.id)), 15_000);
    check(receiver.received.find((r) => r.body.includes(c.id))?.body ?? '');
  });
});
