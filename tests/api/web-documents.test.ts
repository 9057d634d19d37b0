import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/calendar';
import { labels } from '../../src/i18n/labels';
import { i18n } from '../../src/web/i18n';
import { daysFromToday, newContractor, scheduleReview } from '../support/factories';
import { client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/**
 * The documents pages over HTTP on both targets (Node with a directory, the worker with
 * R2): upload with a Japanese file name and download byte for byte, refusals next to the
 * field in both languages with nothing stored, roles, and deletion behind a confirmation.
 * The upload limit is 1 MiB here, so "too large" costs little.
 */
let target: Target;
let tokens: Record<'procurement' | 'manager', string>;
let contractorId: string;
beforeAll(async () => {
  target = await createTarget({ env: { ITAKU_MAX_UPLOAD_MB: '1' } });
  const [procurement, manager] = await Promise.all([
    userWithRole(target, 'procurement'),
    userWithRole(target, 'manager'),
  ]);
  tokens = { procurement: procurement.token, manager: manager.token };
  contractorId = (await newContractor(client(target), { name: '証憑テスト株式会社' })).id;
});
afterAll(() => target.close());

const ascii = (text: string) => new TextEncoder().encode(text);
const pdf = (note: string) =>
  ascii(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n% ${note}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

type Part = string | { name: string; bytes: Uint8Array };

/** A signed-in browser: GETs, and form posts as its pages send them. */
async function session(token: string, lang: 'ja' | 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers = { cookie, 'accept-language': lang };
  const get = (path: string) => target.fetch(path, { headers, redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
  const multipart = async (path: string, fields: Record<string, Part>, withCsrf = true) => {
    const form = new FormData();
    if (withCsrf) form.append('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === 'string') form.append(k, v);
      else form.append(k, new File([v.bytes as Uint8Array<ArrayBuffer>], v.name, { type: 'application/pdf' }));
    }
    // Serialised once, so both targets receive the same bytes, with their length.
    const req = new Request(`${ORIGIN}${path}`, { method: 'POST', body: form });
    const body = new Uint8Array(await req.arrayBuffer());
    return target.fetch(path, {
      method: 'POST',
      headers: {
        ...headers,
        origin: ORIGIN,
        'content-type': req.headers.get('content-type') ?? '',
        'content-length': String(body.length),
      },
      body,
      redirect: 'manual',
    });
  };
  const post = (path: string, fields: Record<string, string>) =>
    target.fetch(path, {
      method: 'POST',
      headers: { ...headers, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      redirect: 'manual',
    });
  return { get, multipart, post };
}

const stored = async () => ({
  rows: await target.query('SELECT id, deleted_at FROM documents ORDER BY id'),
  files: (await target.storedFiles()).sort(),
});
const fieldError = (html: string, field: string) =>
  new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(html)?.[1];
const typed = (html: string, field: string) => new RegExp(`name="${field}" value="([^"]*)"`).exec(html)?.[1];

const fields = (overrides: Record<string, string> = {}) => ({
  contractorId,
  kind: 'isms_certificate',
  title: 'ISMS認証登録証',
  number: 'IS 123456',
  issuer: 'BSIグループジャパン',
  validFrom: daysFromToday(-30),
  validUntil: daysFromToday(700),
  ...overrides,
});

describe('documents in the web UI', () => {
  it('stores a PDF with a Japanese name and downloads it byte for byte, as an attachment', async () => {
    const s = await session(tokens.procurement, 'ja');
    const form = await s.get(`/documents/new?contractorId=${contractorId}`);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('enctype="multipart/form-data"');
    expect(formHtml).toContain('<label for="file">ファイル</label>');

    const bytes = pdf('プライバシーマーク');
    const name = 'プライバシーマーク登録証（2026年度）.pdf';
    const until = daysFromToday(400);
    const res = await s.multipart('/documents', {
      ...fields({ kind: 'privacy_mark', title: 'プライバシーマーク登録証', validUntil: until }),
      file: { name, bytes },
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    const id = /^\/documents\/([^/?]+)\?uploaded=1$/.exec(location)?.[1] ?? '';
    expect(id).not.toBe('');

    const detail = await (await s.get(location)).text();
    const { t, date, label } = i18n('ja');
    expect(detail).toContain(t('doc.uploaded'));
    expect(detail).toContain(name);
    const window = t('doc.pm.window', { from: date(addMonths(until, -8)), until: date(addMonths(until, -4)) });
    expect(detail).toContain(window);
    expect(detail).toContain(`href="/documents/${id}/download"`);

    const download = await s.get(`/documents/${id}/download`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );

    // A questionnaire sent for one of its reviews.
    const admin = client(target);
    const review = await scheduleReview(admin, contractorId, daysFromToday(40), 'selection');
    const sent = await admin.post(`/api/v1/reviews/${review.id}/questionnaire`, {
      templateId: 'appi-standard',
      recipientName: '佐藤 一郎',
      recipientEmail: 'sato@example.co.jp',
      dueDate: daysFromToday(20),
      language: 'ja',
    });
    expect(sent.status).toBe(201);
    const questionnaire = (await sent.json()) as { id: string };

    // On the contractor's page: validity, badge, renewal window, the questionnaire; and in the filtered list.
    const page = await (await s.get(`/contractors/${contractorId}`)).text();
    const item = new RegExp(`<li data-questionnaire="${questionnaire.id}">.*?</li>`, 's').exec(page)?.[0] ?? '';
    expect(item).toContain(`href="/questionnaires/${questionnaire.id}"`);
    expect(item).toContain(`${t('doc.q.due')} ${date(daysFromToday(20))}`);
    expect(item).toContain(label(labels.questionnaireStatus, 'sent'));
    expect(page).toContain(`<tr data-document="${id}">`);
    expect(page).toContain(`<span class="badge doc-valid">${t('doc.status.valid')}</span>`);
    expect(page).toContain(window);
    expect(page).toContain(`href="/documents/new?contractorId=${contractorId}"`);
    const list = await (await s.get(`/documents?contractorId=${contractorId}&kind=privacy_mark&status=valid`)).text();
    expect(list).toContain(`<tr data-document="${id}">`);
    expect(list).toContain(t('list.range', { from: '1', to: '1', total: '1' }));
    expect(await (await s.get('/documents?status=expired')).text()).not.toContain(`data-document="${id}"`);
    expect((await s.get('/documents?status=bogus')).status).toBe(400);
    expect((await s.get('/documents?cursor=nonsense')).status).toBe(400);
  });

  it('refuses a wrong type, a file too large and reversed dates next to the field, in ja and en, storing nothing', async () => {
    const before = await stored();
    // A program renamed to .pdf: no type itaku keeps.
    const program = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(pdf('big'));
    for (const lang of ['ja', 'en'] as const) {
      const { t } = i18n(lang);
      const s = await session(tokens.procurement, lang);
      const wrong = await s.multipart('/documents', { ...fields(), file: { name: '登録証.pdf', bytes: program } });
      expect(wrong.status).toBe(415);
      const wrongHtml = await wrong.text();
      expect(fieldError(wrongHtml, 'file')).toContain(lang === 'ja' ? '形式が正しくありません' : 'must be of type');
      expect(wrongHtml).toContain(t('doc.fileAgain'));
      expect(wrongHtml).toContain('aria-describedby="file-error file-hint file-again"');
      expect(typed(wrongHtml, 'title')).toBe('ISMS認証登録証');
      expect(typed(wrongHtml, 'issuer')).toBe('BSIグループジャパン');

      const large = await s.multipart('/documents', { ...fields(), file: { name: 'big.pdf', bytes: big } });
      expect(large.status).toBe(413);
      const largeHtml = await large.text();
      expect(fieldError(largeHtml, 'file')).toBe(t('doc.tooLarge', { mib: 1 }));
      expect(typed(largeHtml, 'number')).toBe('IS 123456');

      const reversed = await s.multipart('/documents', {
        ...fields({ validFrom: daysFromToday(10), validUntil: daysFromToday(5) }),
        file: { name: 'isms.pdf', bytes: pdf('reversed') },
      });
      expect(reversed.status).toBe(400);
      const reversedHtml = await reversed.text();
      expect(fieldError(reversedHtml, 'validUntil')).toBe(t('doc.untilBeforeFrom'));
      expect(reversedHtml).toContain('id="validUntil" name="validUntil"');
      expect(typed(reversedHtml, 'validFrom')).toBe(daysFromToday(10));

      const missing = await s.multipart('/documents', fields());
      expect(missing.status).toBe(400);
      expect(fieldError(await missing.text(), 'file')).toBe(t('doc.fileRequired'));
    }
    // Past the limit and the form's framing: refused before a byte of it is read.
    const s = await session(tokens.procurement, 'ja');
    const unread = await s.multipart(`/documents?contractorId=${contractorId}`, {
      ...fields(),
      file: { name: 'huge.pdf', bytes: new Uint8Array(1024 * 1024 + 200 * 1024) },
    });
    expect(unread.status).toBe(413);
    const unreadHtml = await unread.text();
    expect(fieldError(unreadHtml, 'file')).toBe(i18n('ja').t('doc.unread', { mib: 1 }));
    expect(unreadHtml).toContain(`name="contractorId" value="${contractorId}"`);
    expect(await stored()).toEqual(before);
  });

  it('lets managers read and download but not upload or delete; a post without the form token is refused', async () => {
    const p = await session(tokens.procurement, 'en');
    const res = await p.multipart('/documents', { ...fields(), file: { name: 'isms.pdf', bytes: pdf('manager') } });
    const id = /\/documents\/([^/?]+)/.exec(res.headers.get('location') ?? '')?.[1] ?? '';
    const m = await session(tokens.manager, 'en');
    expect((await m.get(`/documents/new?contractorId=${contractorId}`)).status).toBe(403);
    const detail = await m.get(`/documents/${id}`);
    expect(detail.status).toBe(200);
    const html = await detail.text();
    expect(html).not.toContain(`/documents/${id}/delete`);
    expect((await m.get(`/documents/${id}/download`)).status).toBe(200);
    expect(await (await m.get(`/contractors/${contractorId}`)).text()).not.toContain('/documents/new?');
    expect((await m.get(`/documents/${id}/delete`)).status).toBe(403);
    const before = await stored();
    const upload = await m.multipart('/documents', { ...fields(), file: { name: 'm.pdf', bytes: pdf('m') } });
    expect(upload.status).toBe(403);
    expect(await upload.text()).toContain('403');
    expect((await m.post(`/documents/${id}/delete`, { confirm: 'on', version: '1' })).status).toBe(403);
    const noToken = await p.multipart('/documents', { ...fields(), file: { name: 'x.pdf', bytes: pdf('x') } }, false);
    expect(noToken.status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('deletes only after the confirmation; of two parallel deletions one succeeds and one sees the conflict', async () => {
    const s = await session(tokens.procurement, 'ja');
    const { t } = i18n('ja');
    const res = await s.multipart('/documents', { ...fields(), file: { name: 'delete.pdf', bytes: pdf('delete') } });
    const id = /\/documents\/([^/?]+)/.exec(res.headers.get('location') ?? '')?.[1] ?? '';
    const confirm = await s.get(`/documents/${id}/delete`);
    expect(confirm.status).toBe(200);
    expect(typed(await confirm.text(), 'version')).toBe('1');

    const unconfirmed = await s.post(`/documents/${id}/delete`, { version: '1' });
    expect(unconfirmed.status).toBe(400);
    expect(fieldError(await unconfirmed.text(), 'confirm')).toBe(t('doc.confirmMissing'));
    expect((await s.get(`/documents/${id}`)).status).toBe(200);

    const both = await Promise.all([
      s.post(`/documents/${id}/delete`, { confirm: 'on', version: '1' }),
      s.post(`/documents/${id}/delete`, { confirm: 'on', version: '1' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([303, 412]);
    const done = both.find((r) => r.status === 303);
    expect(done?.headers.get('location')).toBe(`/documents?contractorId=${contractorId}&deleted=1`);
    expect(await both.find((r) => r.status === 412)?.text()).toContain(t('doc.conflict'));
    const rows = await target.query<{ deleted_at: string | null }>('SELECT deleted_at FROM documents WHERE id = ?', id);
    expect(rows[0]?.deleted_at).not.toBeNull();
    const events = await target.query(
      "SELECT seq FROM audit_events WHERE action = 'document.delete' AND entity_id = ?",
      id,
    );
    expect(events).toHaveLength(1);
    expect((await s.get(`/documents/${id}`)).status).toBe(404);
    expect(await (await s.get(`/documents?contractorId=${contractorId}&deleted=1`)).text()).toContain(t('doc.deleted'));
  });
});
