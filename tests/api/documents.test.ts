import Encoding from 'encoding-japanese';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, newContractor } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
let admin: Client;
let procurement: { id: string; token: string };
let compliance: { id: string; token: string };
let manager: { id: string; token: string; api: Client };
let contractorId: string;

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  procurement = await userWithRole(target, 'procurement');
  compliance = await userWithRole(target, 'compliance');
  manager = await userWithRole(target, 'manager');
  contractorId = (await newContractor(admin)).id;
});
afterAll(() => target.close());

const ascii = (text: string) => new TextEncoder().encode(text);
/** A small but well-formed PDF, different for each `note`. */
const pdf = (note = 'itaku') =>
  ascii(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${note}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
const png = () =>
  Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
    0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  ]);
const sha256 = async (bytes: Uint8Array) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

interface DocumentBody {
  id: string;
  contractorId: string;
  kind: string;
  title: string | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  validFrom: string | null;
  validUntil: string | null;
  status: string | null;
  version: number;
}

/** POSTs a multipart form as the bytes a browser would send (same on both targets). */
async function upload(
  t: Target,
  token: string,
  file: { bytes: Uint8Array; name: string; type?: string } | null,
  fields: Record<string, string>,
) {
  const form = new FormData();
  if (file) form.set('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? '' }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const encoded = new Request('http://form.invalid/', { method: 'POST', body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  return t.fetch('/api/v1/documents', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': encoded.headers.get('content-type') ?? '',
      'content-length': String(body.length),
    },
    body,
  });
}

const state = async (t: Target) => ({
  documents: await t.query('SELECT id, deleted_at FROM documents ORDER BY id'),
  audit: await t.query("SELECT count(*) AS n FROM audit_events WHERE entity_type = 'document'"),
  files: (await t.storedFiles()).sort(),
});

describe('documents', () => {
  it('stores a certificate with a Japanese file name, and gives back the same bytes', async () => {
    const bytes = pdf('privacy mark');
    const name = 'プライバシーマーク登録証（2026年度）.pdf';
    const res = await upload(
      target,
      procurement.token,
      { bytes, name, type: 'application/pdf' },
      {
        contractorId,
        kind: 'privacy_mark',
        title: 'Pマーク登録証',
        number: '10820001(08)',
        issuer: '一般財団法人日本情報経済社会推進協会',
        validFrom: daysFromToday(-700),
        validUntil: daysFromToday(400),
      },
    );
    expect(res.status).toBe(201);
    const doc = (await res.json()) as DocumentBody;
    expect(res.headers.get('location')).toBe(`/api/v1/documents/${doc.id}`);
    expect(doc).toMatchObject({
      contractorId,
      kind: 'privacy_mark',
      title: 'Pマーク登録証',
      fileName: name,
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: await sha256(bytes),
      status: 'valid',
    });
    expect(await (await admin.get(`/api/v1/documents/${doc.id}`)).json()).toEqual(doc);
    expect(await target.storedFiles()).toContain(doc.sha256);

    // Every signed-in role may read the evidence; it always arrives as a download.
    const download = await manager.api.get(`/api/v1/documents/${doc.id}/content`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('cache-control')).toBe('no-store');
    const disposition = download.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe(name);

    const [event] = await target.query<{ action: string; actor: string; after: string }>(
      'SELECT action, actor, after FROM audit_events WHERE entity_id = ?',
      doc.id,
    );
    expect(event).toMatchObject({ action: 'document.upload', actor: procurement.id });
    expect(JSON.parse(event?.after ?? '{}').sha256).toBe(doc.sha256);
  });

  it('derives the status from validUntil, and lists by contractor, kind and expiry', async () => {
    const other = (await newContractor(admin)).id;
    const make = async (kind: string, validUntil: string | null, note: string) => {
      const res = await upload(
        target,
        compliance.token,
        { bytes: pdf(note), name: `${note}.pdf` },
        validUntil ? { contractorId: other, kind, validUntil } : { contractorId: other, kind },
      );
      expect(res.status).toBe(201);
      return (await res.json()) as DocumentBody;
    };
    const expiring = await make('isms_certificate', daysFromToday(30), 'isms');
    const expired = await make('insurance', daysFromToday(-1), 'insurance');
    const valid = await make('soc2_report', daysFromToday(61), 'soc2');
    const undated = await make('policy', null, 'policy');
    expect([expiring.status, expired.status, valid.status, undated.status]).toEqual([
      'expiring',
      'expired',
      'valid',
      null,
    ]);

    const ids = async (query: string) =>
      ((await (await admin.get(`/api/v1/documents?${query}`)).json()) as { items: DocumentBody[] }).items.map(
        (d) => d.id,
      );
    expect(await ids(`contractorId=${other}`)).toEqual([expiring.id, expired.id, valid.id, undated.id]);
    expect(await ids(`contractorId=${other}&kind=insurance`)).toEqual([expired.id]);
    expect(await ids(`contractorId=${other}&expiringWithinDays=60`)).toEqual([expiring.id]);
    // The status filter agrees with each document's own status; undated ones have none.
    expect(await ids(`contractorId=${other}&status=expiring`)).toEqual([expiring.id]);
    expect(await ids(`contractorId=${other}&status=expired`)).toEqual([expired.id]);
    expect(await ids(`contractorId=${other}&status=valid`)).toEqual([valid.id]);
    expect((await admin.get('/api/v1/documents?status=stale')).status).toBe(400);

    const first = (await (await admin.get(`/api/v1/documents?contractorId=${other}&limit=3`)).json()) as {
      items: DocumentBody[];
      nextCursor: string;
    };
    expect(first.items.map((d) => d.id)).toEqual([expiring.id, expired.id, valid.id]);
    const rest = (await (
      await admin.get(`/api/v1/documents?contractorId=${other}&limit=3&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).json()) as { items: DocumentBody[]; nextCursor: string | null };
    expect(rest).toEqual({ items: [undated], nextCursor: null });
  });

  it('keeps Shift_JIS CSV as text and Office files by their content', async () => {
    const csv = Uint8Array.from(
      Encoding.convert(Encoding.stringToCode('項目,結果\r\n入退室管理,適合\r\n'), { to: 'SJIS', from: 'UNICODE' }),
    );
    const res = await upload(
      target,
      procurement.token,
      { bytes: csv, name: '点検結果.csv' },
      { contractorId, kind: 'audit_report' },
    );
    expect(res.status).toBe(201);
    expect(((await res.json()) as DocumentBody).contentType).toBe('text/csv; charset=shift_jis');
    const image = await upload(
      target,
      procurement.token,
      { bytes: png(), name: '登録証.png' },
      { contractorId, kind: 'other' },
    );
    expect(image.status).toBe(201);
    expect(((await image.json()) as DocumentBody).contentType).toBe('image/png');
  });

  it('refuses a content of no accepted type, a name that contradicts it, and bad fields, changing nothing', async () => {
    const before = await state(target);
    const program = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);
    const unknown = await upload(
      target,
      procurement.token,
      { bytes: program, name: 'report.pdf', type: 'application/pdf' },
      { contractorId, kind: 'policy' },
    );
    expect(unknown.status).toBe(415);
    expect((await problem(unknown)).errors?.map((e) => e.path)).toEqual(['file']);

    const disguised = await upload(
      target,
      procurement.token,
      { bytes: png(), name: '監査報告書.pdf' },
      { contractorId, kind: 'audit_report' },
    );
    expect(disguised.status).toBe(400);
    expect((await problem(disguised)).errors?.map((e) => e.path)).toEqual(['file']);

    const html = await upload(
      target,
      procurement.token,
      { bytes: ascii('<html><script>alert(1)</script></html>'), name: 'policy.html' },
      { contractorId, kind: 'policy' },
    );
    expect(html.status).toBe(400);
    expect((await problem(html)).errors?.map((e) => e.path)).toEqual(['file']);

    const fields = await upload(
      target,
      procurement.token,
      { bytes: pdf('fields'), name: 'x.pdf' },
      {
        contractorId: 'no-such-contractor',
        kind: 'privacy_mark',
        validFrom: '2026-04-01',
        validUntil: '2026-03-31',
      },
    );
    expect(fields.status).toBe(400);
    expect((await problem(fields)).errors?.map((e) => e.path).sort()).toEqual(['contractorId', 'validUntil']);

    const badKind = await upload(
      target,
      procurement.token,
      { bytes: pdf('kind'), name: 'x.pdf' },
      { contractorId, kind: 'passport' },
    );
    expect(badKind.status).toBe(400);
    expect((await problem(badKind)).errors?.map((e) => e.path)).toEqual(['kind']);

    const noFile = await upload(target, procurement.token, null, { contractorId, kind: 'policy' });
    expect(noFile.status).toBe(400);
    expect((await problem(noFile)).errors?.map((e) => e.path)).toEqual(['file']);

    const asManager = await upload(
      target,
      manager.token,
      { bytes: pdf('manager'), name: 'x.pdf' },
      { contractorId, kind: 'policy' },
    );
    expect(asManager.status).toBe(403);
    expect(await state(target)).toEqual(before);
  });

  it('stores the same bytes once, however many documents upload them at the same time', async () => {
    const bytes = pdf('uploaded twice at once');
    const digest = await sha256(bytes);
    const responses = await Promise.all(
      [procurement.token, compliance.token].map((token, i) =>
        upload(target, token, { bytes, name: `同じ証明書${i}.pdf` }, { contractorId, kind: 'isms_certificate' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201]);
    const docs = (await Promise.all(responses.map((r) => r.json()))) as DocumentBody[];
    expect(new Set(docs.map((d) => d.id)).size).toBe(2);
    expect(docs.map((d) => d.sha256)).toEqual([digest, digest]);
    expect((await target.storedFiles()).filter((k) => k === digest)).toHaveLength(1);
    for (const doc of docs) {
      const res = await admin.get(`/api/v1/documents/${doc.id}/content`);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    }
  });

  it('deletes softly: the document is gone from the API, its content and trail remain', async () => {
    const bytes = pdf('to be deleted');
    const doc = (await (
      await upload(target, procurement.token, { bytes, name: 'old.pdf' }, { contractorId, kind: 'contract' })
    ).json()) as DocumentBody;

    expect((await manager.api.delete(`/api/v1/documents/${doc.id}`)).status).toBe(403);
    const stale = await client(target, compliance.token).delete(`/api/v1/documents/${doc.id}`, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    const deleted = await client(target, compliance.token).delete(`/api/v1/documents/${doc.id}`);
    expect(deleted.status).toBe(204);

    expect((await admin.get(`/api/v1/documents/${doc.id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/documents/${doc.id}/content`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/documents/${doc.id}`)).status).toBe(404);
    const listed = (await (await admin.get(`/api/v1/documents?contractorId=${contractorId}&limit=200`)).json()) as {
      items: DocumentBody[];
    };
    expect(listed.items.map((d) => d.id)).not.toContain(doc.id);

    const [row] = await target.query<{ deleted_at: string | null; deleted_by: string | null }>(
      'SELECT deleted_at, deleted_by FROM documents WHERE id = ?',
      doc.id,
    );
    expect(row?.deleted_at).toBeTruthy();
    expect(row?.deleted_by).toBe(compliance.id);
    expect(await target.storedFiles()).toContain(doc.sha256);
    const events = await target.query<{ action: string; actor: string; before: string }>(
      "SELECT action, actor, before FROM audit_events WHERE entity_id = ? AND action = 'document.delete'",
      doc.id,
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.actor).toBe(compliance.id);
    expect(JSON.parse(events[0]?.before ?? '{}').sha256).toBe(doc.sha256);
  });
});

describe('upload limit', () => {
  let small: Target;
  beforeAll(async () => {
    small = await createTarget({ env: { ITAKU_MAX_UPLOAD_MB: '1' } });
  });
  afterAll(() => small.close());

  it('refuses a file over ITAKU_MAX_UPLOAD_MB with 413, and stores nothing', async () => {
    const api = client(small);
    const id = (await newContractor(api)).id;
    const exactly = new Uint8Array(1024 * 1024);
    exactly.set(pdf('limit'));
    exactly.fill(0x20, pdf('limit').length);
    const ok = await upload(
      small,
      small.adminToken,
      { bytes: exactly, name: 'limit.pdf' },
      { contractorId: id, kind: 'other' },
    );
    expect(ok.status).toBe(201);

    const before = await state(small);
    for (const size of [1024 * 1024 + 1, 3 * 1024 * 1024]) {
      const big = new Uint8Array(size);
      big.set(pdf('too big'));
      const res = await upload(
        small,
        small.adminToken,
        { bytes: big, name: 'big.pdf' },
        { contractorId: id, kind: 'other' },
      );
      expect(res.status).toBe(413);
      expect((await problem(res)).type).toBe('/problems/payload-too-large');
    }
    expect(await state(small)).toEqual(before);
  });
});

describe('expiry alerts', () => {
  interface Alert {
    kind: string;
    severity: string;
    status: string;
    subjectId: string;
    dueDate: string | null;
    message: string;
  }
  const sweep = async () => expect((await admin.post('/api/v1/jobs/sweep')).status).toBe(200);
  const openAlerts = async (id: string) =>
    ((await (await manager.api.get(`/api/v1/alerts?contractorId=${id}&limit=200`)).json()) as { items: Alert[] }).items
      .filter((a) => a.status !== 'resolved')
      .map((a) => ({ kind: a.kind, severity: a.severity, subjectId: a.subjectId, dueDate: a.dueDate }))
      .sort((a, b) => a.subjectId.localeCompare(b.subjectId));
  const add = async (contractor: string, kind: string, validUntil: string, note: string) => {
    const res = await upload(
      target,
      procurement.token,
      { bytes: pdf(note), name: `${note}.pdf` },
      {
        contractorId: contractor,
        kind,
        validUntil,
      },
    );
    expect(res.status).toBe(201);
    return (await res.json()) as DocumentBody;
  };

  it('warns 60 days ahead, a Privacy Mark from 8 months ahead, and after expiry until a renewal is on file', async () => {
    const id = (await newContractor(admin)).id;
    const mark = await add(id, 'privacy_mark', daysFromToday(200), 'mark renewal window open');
    const ismsLater = await add(id, 'isms_certificate', daysFromToday(200), 'isms not yet');
    const isms = await add(id, 'iso27701_certificate', daysFromToday(30), 'iso27701 soon');
    const lapsed = await add(id, 'insurance', daysFromToday(-1), 'insurance lapsed');
    await sweep();
    expect(await openAlerts(id)).toEqual(
      [
        { kind: 'document_expiring', severity: 'info', subjectId: mark.id, dueDate: mark.validUntil },
        { kind: 'document_expiring', severity: 'warning', subjectId: isms.id, dueDate: isms.validUntil },
        { kind: 'document_expired', severity: 'warning', subjectId: lapsed.id, dueDate: lapsed.validUntil },
      ].sort((a, b) => a.subjectId.localeCompare(b.subjectId)),
    );
    expect(ismsLater.status).toBe('valid');
    const [markAlert] = (
      (await (await manager.api.get(`/api/v1/alerts?contractorId=${id}&kind=document_expiring`)).json()) as {
        items: Alert[];
      }
    ).items.filter((a) => a.subjectId === mark.id);
    expect(markAlert?.message).toMatch(
      /^Privacy Mark ".+" of .+ expires on \d{4}-\d{2}-\d{2}; the renewal application is due by \d{4}-\d{2}-\d{2}$/,
    );

    // The renewed mark and insurance are on file; the old certificate is deleted: all clear.
    await add(id, 'privacy_mark', daysFromToday(200 + 730), 'mark renewed');
    await add(id, 'insurance', daysFromToday(365), 'insurance renewed');
    expect((await client(target, compliance.token).delete(`/api/v1/documents/${isms.id}`)).status).toBe(204);
    await sweep();
    expect(await openAlerts(id)).toEqual([]);
  });
});
