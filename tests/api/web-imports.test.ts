import Encoding from 'encoding-japanese';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateCheckDigit } from '../../src/domain/corporate-number';
import { toBase64 } from '../../src/modules/imports/file-digest';
import { userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/**
 * /imports/contractors over HTTP: upload, the dry run with every row's errors in the
 * page's language, and the import of exactly the file that was checked.
 */
let target: Target;
let procurementToken: string;
beforeAll(async () => {
  target = await createTarget();
  procurementToken = (await userWithRole(target, 'procurement')).token;
});
afterAll(() => target.close());

const utf8 = (text: string) => new TextEncoder().encode(`\uFEFF${text}`);
const b64 = (text: string) => toBase64(utf8(text));
const sjis = (text: string) =>
  Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
let serial = 100_000_000_000;
/** A corporate number with a valid check digit, a new one each time. */
const corporateNumber = () => {
  const base = String(serial++).padStart(12, '0');
  return `${corporateCheckDigit(base)}${base}`;
};

type Part = string | { name: string; bytes: Uint8Array };

/** A signed-in browser: GETs, and multipart form posts as its pages send them. */
async function session(token: string, lang: 'ja' | 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers = { cookie, 'accept-language': lang };
  const get = (path: string) => target.fetch(path, { headers, redirect: 'manual' });
  const csrf = async () => /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
  const post = async (path: string, fields: Record<string, Part>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === 'string') form.append(k, v);
      else form.append(k, new Blob([v.bytes as Uint8Array<ArrayBuffer>], { type: 'text/csv' }), v.name);
    }
    // Serialised once, so both targets receive the same bytes and boundary.
    const req = new Request(`${ORIGIN}${path}`, { method: 'POST', body: form });
    return target.fetch(path, {
      method: 'POST',
      headers: { ...headers, origin: ORIGIN, 'content-type': req.headers.get('content-type') ?? '' },
      body: await req.arrayBuffer(),
      redirect: 'manual',
    });
  };
  return { get, post, csrf };
}

const count = async () => (await target.query<{ n: number }>('SELECT count(*) AS n FROM contractors'))[0]?.n;
const hidden = (html: string, name: string) =>
  new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

const header = '名称,法人番号,取扱データ,本人数,システムアクセス,再委託元';
/** A long line per contractor, as real lists have (services written out). */
const longHeader = `${header},委託業務`;
const longRow = (name: string) =>
  `${name},${corporateNumber()},顧客;従業員;取引先,"1,000",はい,,店舗配送・返品処理・顧客問合せ対応の一部（関東・関西）`;

describe('the import page', () => {
  it('opens for procurement (and admin) with the templates; other roles get 403', async () => {
    const s = await session(procurementToken, 'ja');
    const res = await s.get('/imports/contractors');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/api/v1/imports/contractors/template.csv?lang=ja"');
    expect(html).toContain('<label for="import-file">CSVファイル</label>');
    expect(html).toContain('enctype="multipart/form-data"');
    expect((await (await session(target.adminToken, 'en')).get('/imports/contractors')).status).toBe(200);
    for (const role of ['manager', 'compliance']) {
      const other = await session((await userWithRole(target, role)).token, 'en');
      expect((await other.get('/imports/contractors')).status).toBe(403);
      const before = await count();
      const sent = await other.post('/imports/contractors/import', {
        _csrf: await other.csrf(),
        content: b64('name,dataCategories\r\n禁止株式会社,customers\r\n'),
      });
      expect(sent.status).toBe(403);
      expect(await count()).toBe(before);
    }
    expect((await target.fetch('/imports/contractors', { redirect: 'manual' })).status).toBe(303);
  });

  it('the template download names its columns in the page language', async () => {
    const s = await session(procurementToken, 'en');
    const res = await s.get('/api/v1/imports/contractors/template.csv?lang=en');
    expect(res.status).toBe(200);
    // (Response.text() drops the BOM.)
    expect((await res.text()).split('\r\n')[0]).toBe(
      'Name,Name (kana),Corporate number,Country,Contact person,Contact e-mail,Services,Data categories,Special-care personal information,Payment data,Number of data subjects,Access to our systems,Parent contractor (re-consignment),Cross-border basis (APPI Art. 28),Manual risk tier,Reason for the manual tier',
    );
  });

  it('previews a Shift_JIS file without registering anything, then imports exactly it', async () => {
    const s = await session(procurementToken, 'ja');
    const csv = `${header}\r\nプレビュー物流株式会社,${corporateNumber()},顧客;従業員,"150,000",はい,\r\nプレビュー配送,,顧客,500,いいえ,プレビュー物流株式会社\r\n`;
    const before = await count();
    const res = await s.post('/imports/contractors', {
      _csrf: await s.csrf(),
      file: { name: '委託先一覧.csv', bytes: sjis(csv) },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Shift_JIS');
    expect(html).toContain('委託先一覧.csv');
    expect(html).toContain('誤りはありません。2件の委託先が「提案中」として登録されます。');
    expect(html).toMatch(/<tr data-row="2"><td class="num">2<\/td><td>プレビュー配送<\/td>/);
    expect(html).toContain('顧客、従業員');
    expect(await count()).toBe(before);

    const imported = await s.post('/imports/contractors/import', {
      _csrf: await s.csrf(),
      sha256: hidden(html, 'sha256'),
      content: hidden(html, 'content'),
    });
    expect(imported.status).toBe(303);
    expect(imported.headers.get('location')).toBe('/imports/contractors?imported=2');
    expect(await count()).toBe((before ?? 0) + 2);
    const done = await (await s.get('/imports/contractors?imported=2')).text();
    expect(done).toContain('2件の委託先を「提案中」として登録しました。');
    const [sub] = await target.query<{ parent: string }>(
      `SELECT p.name AS parent FROM contractors c JOIN contractors p ON p.id = c.parent_id WHERE c.name = 'プレビュー配送'`,
    );
    expect(sub?.parent).toBe('プレビュー物流株式会社');
  });

  it('lists every error with its row, its column label and the message in the page language', async () => {
    const csv = `${header}\r\n正常株式会社,,顧客,10,はい,\r\n番号誤り株式会社,1234567890123,顧客,10,はい,\r\n区分誤り株式会社,,宇宙人,10,たぶん,\r\n`;
    const before = await count();
    const ja = await session(procurementToken, 'ja');
    const resJa = await ja.post('/imports/contractors', {
      _csrf: await ja.csrf(),
      file: { name: 'errors.csv', bytes: utf8(csv) },
    });
    expect(resJa.status).toBe(400);
    const htmlJa = await resJa.text();
    expect(htmlJa).toContain('ファイルに3件の誤りがあるため、何も登録されません。');
    expect(htmlJa).toMatch(
      /<tr data-row="2" data-field="corporateNumber"><td class="num">2<\/td><td>法人番号<\/td><td>[^<]*チェックデジット[^<]*<\/td>/,
    );
    expect(htmlJa).toMatch(/<tr data-row="3" data-field="dataCategories"><td class="num">3<\/td><td>取扱データ<\/td>/);
    expect(htmlJa).toMatch(
      /<tr data-row="3" data-field="systemAccess"><td class="num">3<\/td><td>システムアクセス<\/td>/,
    );
    expect(htmlJa).not.toContain('action="/imports/contractors/import"');

    const en = await session(procurementToken, 'en');
    const htmlEn = await (
      await en.post('/imports/contractors', { _csrf: await en.csrf(), file: { name: 'errors.csv', bytes: utf8(csv) } })
    ).text();
    expect(htmlEn).toContain('3 errors in the file: nothing will be registered.');
    expect(htmlEn).toMatch(/<td class="num">2<\/td><td>Corporate number<\/td><td>[^<]*check digit/);
    expect(htmlEn).toMatch(/<td class="num">3<\/td><td>Access to our systems<\/td>/);
    expect(await count()).toBe(before);
  });

  it('names header problems (unknown and missing columns) on the header row', async () => {
    const s = await session(procurementToken, 'ja');
    const html = await (
      await s.post('/imports/contractors', {
        _csrf: await s.csrf(),
        file: { name: 'h.csv', bytes: utf8('名称,好きな色\r\n色彩株式会社,青\r\n') },
      })
    ).text();
    expect(html).toMatch(/<td class="num">見出し行<\/td><td>好きな色<\/td><td>委託先の列ではありません<\/td>/);
    expect(html).toMatch(/<td class="num">見出し行<\/td><td>取扱データ<\/td><td>この列が必要です<\/td>/);
  });

  it('asks for a file next to the field, and refuses a form without its CSRF token', async () => {
    const s = await session(procurementToken, 'en');
    const none = await s.post('/imports/contractors', { _csrf: await s.csrf() });
    expect(none.status).toBe(400);
    const html = await none.text();
    expect(html).toContain('aria-invalid="true" aria-describedby="import-file-hint import-file-error"');
    expect(html).toContain('<p class="field-error" id="import-file-error">Choose a CSV file.</p>');
    const before = await count();
    const forged = await s.post('/imports/contractors/import', {
      _csrf: 'forged',
      content: b64('name,dataCategories\r\n偽造株式会社,customers\r\n'),
    });
    expect(forged.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('imports nothing when the file differs from the one that was checked', async () => {
    const s = await session(procurementToken, 'ja');
    const checked = utf8(`${header}\r\n確認済み株式会社,,顧客,10,はい,\r\n`);
    const html = await (
      await s.post('/imports/contractors', { _csrf: await s.csrf(), file: { name: 'a.csv', bytes: checked } })
    ).text();
    const other = utf8(`${header}\r\n差替え株式会社,,顧客,10,はい,\r\n`);
    const before = await count();
    const res = await s.post('/imports/contractors/import', {
      _csrf: await s.csrf(),
      sha256: hidden(html, 'sha256'),
      content: toBase64(other),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('確認したファイルと異なります。');
    expect(await count()).toBe(before);
  });

  it('asks to choose a large file again, and registers it only when it is the same file', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => longRow(`大量登録株式会社 第${i}号`));
    const big = utf8(`${longHeader}\r\n${rows.join('\r\n')}\r\n`);
    expect(big.length).toBeGreaterThan(256 * 1024);
    const s = await session(procurementToken, 'en');
    const res = await s.post('/imports/contractors', { _csrf: await s.csrf(), file: { name: 'big.csv', bytes: big } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('The first 200 of 1500 are shown.');
    expect(html).not.toContain('name="content"');
    expect(html).toContain('<label for="import-file-again">The same CSV file again</label>');
    const before = await count();
    const wrong = await s.post('/imports/contractors/import', {
      _csrf: await s.csrf(),
      sha256: hidden(html, 'sha256'),
      file: { name: 'big.csv', bytes: utf8(`${header}\r\n別物株式会社,,顧客,1,はい,\r\n`) },
    });
    expect(wrong.status).toBe(400);
    expect(await count()).toBe(before);
    const right = await s.post('/imports/contractors/import', {
      _csrf: await s.csrf(),
      sha256: hidden(html, 'sha256'),
      file: { name: 'big.csv', bytes: big },
    });
    expect(right.status).toBe(303);
    expect(await count()).toBe((before ?? 0) + 1500);
  });

  it('registers a file once when its import is sent twice at once', async () => {
    const s = await session(procurementToken, 'ja');
    // No corporate numbers: only the names tell the companies apart.
    const file = utf8(`${header}\r\n二重送信商事,,顧客,10,はい,\r\n二重送信物産,,顧客,10,いいえ,\r\n`);
    const html = await (
      await s.post('/imports/contractors', { _csrf: await s.csrf(), file: { name: 'twice.csv', bytes: file } })
    ).text();
    const form = { _csrf: await s.csrf(), sha256: hidden(html, 'sha256'), content: hidden(html, 'content') };
    const before = await count();
    const results = await Promise.all(Array.from({ length: 4 }, () => s.post('/imports/contractors/import', form)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([303, 409, 409, 409]);
    expect(await count()).toBe((before ?? 0) + 2);
    const refused = await results.find((r) => r.status === 409)?.text();
    expect(refused).toContain('確認の後に登録内容が変わったため、何も登録していません。');
    expect(refused).toContain('この名称の委託先はすでに登録されています');
  });

  it('refuses a file over the import limit before reading it, and registers nothing', async () => {
    const s = await session(procurementToken, 'en');
    const huge = new Uint8Array(9 * 1024 * 1024).fill(0x41);
    const before = await count();
    const res = await s.post('/imports/contractors', {
      _csrf: await s.csrf(),
      file: { name: 'huge.csv', bytes: huge },
    });
    expect(res.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it('previews a file of 10,000 rows, larger than an ordinary form', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => longRow(`一万件株式会社 第${i}号`));
    const file = utf8(`${longHeader}\r\n${rows.join('\r\n')}\r\n`);
    expect(file.length).toBeGreaterThan(1024 * 1024);
    const s = await session(procurementToken, 'ja');
    const res = await s.post('/imports/contractors', { _csrf: await s.csrf(), file: { name: '10k.csv', bytes: file } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('誤りはありません。10000件の委託先が「提案中」として登録されます。');
    expect(html).toContain('<label for="import-file-again">同じCSVファイル（再選択）</label>');
  });
});
