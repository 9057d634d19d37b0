import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/i18n/labels';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import {
  countAll,
  csrfOf,
  getJson,
  launchBrowser,
  listAll,
  type Signed,
  serverClient,
  signIn,
  submit,
} from '../support/browser';
import {
  activeContractor,
  type ContractorBody,
  daysFromToday,
  newAgreement,
  newContractor,
  scheduleReview,
  today,
} from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * The three journeys (procurement, compliance, manager) in a real Chromium against the real Node server, once in
 * each language: procurement registers a contractor; compliance completes a review and
 * acknowledges an alert; a manager reads the dashboard (checked against the API) and can
 * change nothing.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);
const TIERS = ['high', 'medium', 'low'] as const;
const SUPS = ['overdue', 'due_soon', 'on_track', 'none_scheduled', 'selection_pending'] as const;
const STATUSES = ['proposed', 'approved', 'active', 'suspended', 'terminated'] as const;
const SEVERITIES = ['critical', 'warning', 'info'] as const;

interface User {
  token: string;
  api: Client;
}

interface Summary {
  today: string;
  contractors: { byStatus: Record<(typeof STATUSES)[number], number>; total: number };
  supervision: Record<(typeof TIERS)[number], Record<(typeof SUPS)[number], number>>;
  reviews: { overdue: number; dueSoon: number; thisMonth: number; nextMonth: number };
  findings: { overdue: number };
  openAlerts: Record<(typeof SEVERITIES)[number] | 'total', number>;
  agreements: { expiringWithin60Days: number; withGaps: number };
  incidents: { open: number; reportable: number; nextDeadline: string | null };
}

interface Review {
  id: string;
  status: string;
  dueDate: string;
  outcome: string | null;
  overdue: boolean;
  checklist: Record<string, string>;
}

interface Alert {
  id: string;
  kind: string;
  status: string;
  subjectId: string;
  acknowledgedBy: string | null;
}

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const users = {} as Record<'procurement' | 'compliance' | 'manager', User & { id: string }>;
/** Per language: a high-tier contractor whose periodic review is 10 days overdue. */
const overdue = {} as Record<Lang, ContractorBody>;
/** Per language: a contractor with nothing scheduled, for the manager's "make one overdue". */
const spare = {} as Record<Lang, ContractorBody>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-'));
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([
    startServer({
      ITAKU_DB_PATH: join(dir, 'itaku.db'),
      ITAKU_ADMIN_TOKEN: ADMIN_TOKEN,
      ITAKU_SWEEP_CRON: 'off',
      // startServer() waits for the info-level "listening" line; at 'warn' it never comes.
      // Request logs go to the captured output only, shown if the server fails to start.
      ITAKU_LOG_LEVEL: 'info',
    }),
    launchBrowser(),
  ]);
  admin = serverClient(server.url, ADMIN_TOKEN);
  const names = { procurement: '調達 花子', compliance: 'Carol Compliance', manager: '管理 太郎' };
  for (const role of ['procurement', 'compliance', 'manager'] as const) {
    const res = await admin.post('/api/v1/users', { name: names[role], role });
    if (res.status !== 201) throw new Error(`user ${role}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { user: { id: string }; token: string };
    users[role] = { id: body.user.id, token: body.token, api: serverClient(server.url, body.token) };
  }

  for (const lang of LANGS) {
    overdue[lang] = await newContractor(admin, { name: `延滞運送 ${lang}`, handlesSpecialCare: true });
    await scheduleReview(admin, overdue[lang].id, daysFromToday(-10));
    spare[lang] = await newContractor(admin, { name: `予備商事 ${lang}`, systemAccess: true });
  }
  // Enough around them for every dashboard figure to be something.
  const steady = await activeContractor(admin, { name: '安定サービス' });
  await newAgreement(admin, steady.id, { endDate: daysFromToday(20), clauses: { responsibilities: true } });
  const soon = await newContractor(admin, { name: 'Soon Logistics', country: 'JP', subjectCount: 5000 });
  await scheduleReview(admin, soon.id, daysFromToday(5));
  await newContractor(admin, { name: '未定 Systems' });
  const incident = await users.compliance.api.post('/api/v1/incidents', {
    contractorId: steady.id,
    summary: '誤送信',
    discoveredOn: today(),
    affectedCount: 2000,
  });
  if (incident.status !== 201) throw new Error(`incident: ${incident.status} ${await incident.text()}`);
  await sweep();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function sweep() {
  const res = await admin.post('/api/v1/jobs/sweep');
  const body = (await res.json()) as { status: string };
  if (res.status !== 200 || body.status !== 'succeeded')
    throw new Error(`sweep: ${res.status} ${JSON.stringify(body)}`);
}

async function as(role: keyof typeof users, lang: Lang): Promise<Signed> {
  const { t } = i18n(lang);
  const signed = await signIn(browser, server.url, users[role].token, lang, {
    token: t('login.token'),
    submit: t('login.submit'),
  });
  contexts.push(signed.context);
  return signed;
}

/** Opens a page and insists on the status and on the language remembered from `?lang=`. */
async function open(page: Page, path: string, lang: Lang, status = 200) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(status);
  expect(await page.locator('html').getAttribute('lang'), path).toBe(lang);
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

describe.each(LANGS)('web journeys in %s', (lang) => {
  const { t, label, date } = i18n(lang);
  const supLabel = (sup: (typeof SUPS)[number]) =>
    sup === 'selection_pending' ? t('ctr.sup.selectionPending') : label(labels.supervisionStatus, sup);

  it('procurement registers a contractor, fixing the errors the form shows next to the fields', async () => {
    const { context, page } = await as('procurement', lang);

    // The session cookie: HttpOnly, SameSite=Strict (not Secure over plain HTTP).
    const session = (await context.cookies()).find((c) => c.name === 'itaku_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    await open(page, '/contractors', lang);
    await expect.poll(() => page.title()).toContain(t('nav.contractors'));
    await page.getByRole('link', { name: t('c.new'), exact: true }).click();
    await page.waitForURL('**/contractors/new');
    await expect.poll(() => page.locator('h1').textContent()).toBe(t('c.new'));

    const name = `ブラウザ配送 ${lang} ${Date.now()}`;
    const corporateNumber = lang === 'ja' ? '7010705000725' : '7120001077523';
    const nameBox = page.getByLabel(t('c.name'), { exact: true });
    const corpBox = page.getByLabel(t('c.corporateNumber'), { exact: true });
    await nameBox.fill(name);
    await corpBox.fill('1234567890123'); // a wrong check digit
    await page.getByLabel(t('c.contactEmail'), { exact: true }).fill('ops@example.jp');
    const save = page.getByRole('button', { name: t('c.save'), exact: true });
    expect(await submit(page, save)).toMatchObject({ status: 400, alert: t('err.title') });

    // The form comes back with the summary, every field error next to its field, and what was typed.
    expect(await page.getByRole('alert').textContent()).toContain(t('err.title'));
    expect(await nameBox.inputValue()).toBe(name);
    expect(await corpBox.inputValue()).toBe('1234567890123');
    expect(await page.getByLabel(t('c.contactEmail'), { exact: true }).inputValue()).toBe('ops@example.jp');
    const categories = page.getByRole('group', { name: t('c.dataCategories'), exact: true });
    expect(await categories.getAttribute('aria-invalid')).toBe('true');
    expect(await text(page, '#dataCategories-error')).not.toBe('');
    // The corporate number's error, next to its field, described by it and marked invalid.
    expect(await corpBox.getAttribute('aria-invalid')).toBe('true');
    expect(await corpBox.getAttribute('aria-describedby')).toBe('corporateNumber-error');
    expect(await text(page, '#corporateNumber-error')).not.toBe('');
    expect(await page.locator('#corporateNumber + #corporateNumber-error').count()).toBe(1);

    // Fix both and save: the contractor's page, with the name.
    // One company, one record: each language registers a different corporate number.
    await corpBox.fill(corporateNumber);
    await categories.getByLabel(label(labels.dataCategory, 'customers'), { exact: true }).check();
    await categories.getByLabel(label(labels.dataCategory, 'employees'), { exact: true }).check();
    expect(await submit(page, save)).toMatchObject({ status: 303, location: expect.stringMatching(/\?saved=1$/) });
    expect(page.url()).toMatch(/\/contractors\/[^/?]+\?saved=1$/);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await text(page, 'h1')).toContain(name);
    expect(await page.getByRole('status').textContent()).toBe(t('c.saved'));
    const id = new URL(page.url()).pathname.split('/').at(-1);

    // The API finds it by name, as registered.
    const found = await getJson<{ items: ContractorBody[] }>(
      users.manager.api,
      `/api/v1/contractors?q=${encodeURIComponent(name)}`,
    );
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({
      id,
      name,
      corporateNumber,
      contactEmail: 'ops@example.jp',
      dataCategories: ['customers', 'employees'],
      status: 'proposed',
    });

    // Procurement edits, but does not supervise: no review controls anywhere.
    await open(page, `/contractors/${overdue[lang].id}`, lang);
    expect(await page.getByRole('link', { name: t('c.edit'), exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: t('r.complete'), exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: t('r.schedule'), exact: true }).count()).toBe(0);
    expect(await page.locator(`form[action$="/transition"]`).count()).toBe(0);
    await open(page, '/alerts', lang);
    expect(await page.getByRole('button', { name: t('al.acknowledge'), exact: true }).count()).toBe(0);

    // Signing out ends the session on the server, not just in this browser.
    const signOut = page.getByRole('button', { name: t('nav.signOut'), exact: true });
    expect(await submit(page, signOut)).toMatchObject({ status: 303, location: '/login?signedOut=1' });
    expect(await page.getByText(t('login.signedOut'), { exact: true }).count()).toBe(1);
    expect((await context.cookies()).some((c) => c.name === 'itaku_session')).toBe(false);
    const replayed = await fetch(`${server.url}/contractors`, {
      headers: { cookie: `itaku_session=${session?.value}` },
      redirect: 'manual',
    });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toBe('/login?next=%2Fcontractors');
  });

  it('compliance completes the overdue review with a finding and acknowledges its alert', async () => {
    const { page } = await as('compliance', lang);
    const contractor = overdue[lang];
    const [openReview] = await listAll<Review>(
      users.compliance.api,
      `/api/v1/reviews?contractorId=${contractor.id}&status=scheduled`,
    );
    expect(openReview?.overdue).toBe(true);
    const alerts = await listAll<Alert>(users.compliance.api, `/api/v1/alerts?contractorId=${contractor.id}`);
    const alert = alerts.find((a) => a.kind === 'review_overdue' && a.subjectId === openReview?.id);
    expect(alert?.status).toBe('open');

    await open(page, '/contractors', lang);
    await page.getByLabel(t('list.search'), { exact: true }).fill(contractor.name);
    await page.getByRole('button', { name: t('list.filter'), exact: true }).click();
    await page.waitForURL(/[?&]q=/);
    await page.getByRole('link', { name: contractor.name, exact: true }).click();
    await page.waitForURL(`**/contractors/${contractor.id}`);
    expect(await page.locator('h1 .badge').textContent()).toBe(label(labels.supervisionStatus, 'overdue'));

    const complete = page.getByRole('link', { name: t('r.complete'), exact: true });
    expect(await complete.count()).toBe(1);
    await complete.click();
    await page.waitForURL(`**/reviews/${openReview?.id}/complete`);
    expect(await text(page, 'h1')).toBe(t('r.completeTitle'));
    expect(await text(page, 'main > p')).toContain(date(openReview?.dueDate));

    await page.getByLabel(t('r.outcome'), { exact: true }).selectOption('minor_findings');
    const checklist = page.getByRole('group', { name: t('r.checklist'), exact: true });
    await checklist
      .getByLabel(label(labels.checklistCategory, 'technical'), { exact: true })
      .selectOption('needs_improvement');
    // Nothing is preselected: every category (通則編 10-1 … 10-7) is rated.
    for (const category of [
      'basicPolicy',
      'handlingRules',
      'organizational',
      'human',
      'physical',
      'externalEnvironment',
    ] as const) {
      await checklist.getByLabel(label(labels.checklistCategory, category), { exact: true }).selectOption('adequate');
    }
    await page.getByLabel(t('r.notes'), { exact: true }).fill('ログ保管期間が短い');
    const finding = page.getByRole('group', { name: t('r.finding', { n: 1 }), exact: true });
    await finding.getByLabel(t('r.severity'), { exact: true }).selectOption('medium');
    await finding.getByLabel(t('r.category'), { exact: true }).selectOption('technical');
    const description = `アクセスログを1年保管する (${lang})`;
    await finding.getByLabel(t('r.description'), { exact: true }).fill(description);
    await finding.getByLabel(t('r.findingDue'), { exact: true }).fill(daysFromToday(30));
    const completed = await submit(page, page.getByRole('button', { name: t('r.complete'), exact: true }));
    // Back to what was recorded: the review's own page.
    expect(completed).toMatchObject({ status: 303, location: expect.stringContaining(`/reviews/${openReview?.id}?`) });

    // The API has it: completed, with the checklist, the finding, and the next review.
    const done = await getJson<Review>(users.manager.api, `/api/v1/reviews/${openReview?.id}`);
    expect(done).toMatchObject({
      status: 'completed',
      outcome: 'minor_findings',
      completedOn: today(),
      checklist: {
        organizational: 'adequate',
        human: 'adequate',
        physical: 'adequate',
        technical: 'needs_improvement',
      },
    });
    const findings = await listAll<{ description: string; severity: string }>(
      users.manager.api,
      `/api/v1/findings?reviewId=${openReview?.id}`,
    );
    expect(findings).toEqual([expect.objectContaining({ description, severity: 'medium', category: 'technical' })]);
    const [next] = await listAll<Review>(
      users.manager.api,
      `/api/v1/reviews?contractorId=${contractor.id}&status=scheduled`,
    );
    expect((next?.dueDate ?? '') > today()).toBe(true);

    // …and the contractor's page lists the next review and the finding.
    await open(page, `/contractors/${contractor.id}`, lang);
    expect(await page.locator(`li[data-review="${next?.id}"]`).textContent()).toContain(date(next?.dueDate));
    expect(await page.locator('main').textContent()).toContain(description);
    expect(await page.locator('h1 .badge').textContent()).not.toBe(label(labels.supervisionStatus, 'overdue'));

    // The alert inbox: acknowledge the review's alert; it leaves "open" for "acknowledged".
    await page
      .getByRole('navigation', { name: 'main' })
      .getByRole('link', { name: t('nav.alerts') })
      .click();
    await page.waitForURL('**/alerts');
    expect(await text(page, 'h1')).toBe(t('al.title'));
    const row = page.locator(`tr[data-alert="${alert?.id}"]`);
    expect(await row.getByRole('link', { name: contractor.name, exact: true }).count()).toBe(1);
    expect(await row.locator('.kind').textContent()).toBe(label(labels.alertKind, 'review_overdue'));
    const ack = await submit(page, row.getByRole('button', { name: t('al.acknowledge'), exact: true }));
    expect(ack).toMatchObject({ status: 303, location: '/alerts?notice=acknowledged' });
    expect(await page.getByRole('status').textContent()).toBe(t('alr.notice.acknowledged'));
    expect(await row.count()).toBe(0);
    await page
      .getByRole('navigation', { name: 'status' })
      .getByRole('link', { name: label(labels.alertStatus, 'acknowledged') })
      .click();
    await page.waitForURL('**/alerts?status=acknowledged');
    expect(
      await page.getByRole('link', { name: label(labels.alertStatus, 'acknowledged') }).getAttribute('aria-current'),
    ).toBe('page');
    expect(await row.count()).toBe(1);
    expect(await row.getByRole('button', { name: t('al.acknowledge'), exact: true }).count()).toBe(0);
    expect(await row.getByRole('link', { name: t('al.resolve'), exact: true }).count()).toBe(1);

    const acked = await getJson<Alert>(users.manager.api, `/api/v1/alerts/${alert?.id}`);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: users.compliance.id });
  });

  it('a manager reads the dashboard as the API counts it, sees it change, and can change nothing', async () => {
    const { page } = await as('manager', lang);
    const api = users.manager.api;

    /** Every figure on the dashboard against the summary and the API lists; returns the summary. */
    const checkDashboard = async (): Promise<Summary> => {
      await open(page, '/', lang);
      const s = await getJson<Summary>(api, '/api/v1/dashboard/summary');
      const n = (testid: string) => text(page, `[data-testid="${testid}"] .n`);
      const sub = (testid: string) => text(page, `[data-testid="${testid}"] .sub`);
      expect(await text(page, 'h1')).toBe(t('dash.title'));

      expect(await n('contractors-total')).toBe(String(s.contractors.total));
      expect(s.contractors.total).toBe(await countAll(api, '/api/v1/contractors'));
      expect(await sub('contractors-total')).toBe(
        STATUSES.map((k) => `${label(labels.contractorStatus, k)} ${s.contractors.byStatus[k]}`).join(' · '),
      );
      for (const k of STATUSES) {
        expect(s.contractors.byStatus[k], k).toBe(await countAll(api, `/api/v1/contractors?status=${k}`));
      }

      expect(await n('open-alerts')).toBe(String(s.openAlerts.total));
      expect(await sub('open-alerts')).toBe(
        SEVERITIES.map((k) => `${label(labels.severity, k)} ${s.openAlerts[k]}`).join(' · '),
      );
      for (const k of SEVERITIES) {
        const unresolved =
          (await countAll(api, `/api/v1/alerts?status=open&severity=${k}`)) +
          (await countAll(api, `/api/v1/alerts?status=acknowledged&severity=${k}`));
        expect(s.openAlerts[k], k).toBe(unresolved);
      }

      expect(await n('overdue-reviews')).toBe(String(s.reviews.overdue));
      expect(s.reviews.overdue).toBe(await countAll(api, '/api/v1/reviews?overdue=true'));
      expect(await sub('overdue-reviews')).toBe(`${t('dash.overdueFindings')}: ${s.findings.overdue}`);
      expect(s.findings.overdue).toBe(await countAll(api, '/api/v1/findings?overdue=true'));

      expect(await page.getByTestId('open-incidents').count()).toBe(s.incidents.open > 0 ? 1 : 0);
      expect(await n('open-incidents')).toBe(String(s.incidents.open));
      expect(s.incidents.open).toBe(await countAll(api, '/api/v1/incidents?status=open'));
      expect(await sub('open-incidents')).toBe(`${t('dash.nextDeadline')}: ${date(s.incidents.nextDeadline)}`);

      for (const tier of TIERS) {
        for (const sup of SUPS) {
          const cell = page.getByTestId(`cell-${tier}-${sup}`);
          const expected = s.supervision[tier][sup];
          expect(await cell.textContent(), `${tier} × ${sup}`).toBe(String(expected));
          expect(await cell.getAttribute('aria-label')).toBe(
            `${label(labels.riskTier, tier)} × ${supLabel(sup)}: ${expected}`,
          );
          expect(expected, `${tier} × ${sup}`).toBe(
            await countAll(api, `/api/v1/contractors?riskTier=${tier}&supervisionStatus=${sup}`),
          );
        }
      }

      const heading = (id: string) => text(page, `#${id}`);
      expect(await heading('rv-overdue')).toBe(`${label(labels.supervisionStatus, 'overdue')} (${s.reviews.overdue})`);
      expect(await heading('rv-this')).toBe(`${t('dash.thisMonth')} (${s.reviews.thisMonth})`);
      expect(await heading('rv-next')).toBe(`${t('dash.nextMonth')} (${s.reviews.nextMonth})`);
      const overdueList = page.getByRole('region', {
        name: `${label(labels.supervisionStatus, 'overdue')} (${s.reviews.overdue})`,
        exact: true,
      });
      expect(await overdueList.getByRole('listitem').count()).toBe(Math.min(10, s.reviews.overdue));
      expect(s.agreements.expiringWithin60Days).toBe(await countAll(api, '/api/v1/agreements?expiringWithinDays=60'));
      expect(await page.getByRole('heading', { level: 3, name: t('dash.expiring') }).textContent()).toBe(
        `${t('dash.expiring')} (${s.agreements.expiringWithin60Days})`,
      );
      expect(await page.getByRole('heading', { level: 3, name: t('dash.gaps') }).textContent()).toBe(
        `${t('dash.gaps')} (${s.agreements.withGaps})`,
      );
      expect(await page.getByRole('img', { name: t('dash.chart') }).count()).toBe(1);
      return s;
    };

    const before = await checkDashboard();
    expect(before.reviews.overdue).toBeGreaterThan(0);

    // A cell links to the list it counts.
    const target = spare[lang];
    const tier = (await getJson<{ riskTier: (typeof TIERS)[number] }>(api, `/api/v1/contractors/${target.id}`))
      .riskTier;
    // Not yet selected and nothing scheduled: counted as "not yet selected", not as "nothing scheduled".
    await Promise.all([
      page.waitForURL('**/contractors?**'),
      page.getByTestId(`cell-${tier}-selection_pending`).click(),
    ]);
    expect(await page.locator('main table tr').count()).toBe(before.supervision[tier].selection_pending + 1);
    expect(await page.getByRole('link', { name: target.name, exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: t('c.new'), exact: true }).count()).toBe(0);

    // Compliance schedules a review that is already late (a backlog); the sweep raises its alert.
    await scheduleReview(users.compliance.api, target.id, daysFromToday(-3), 'document_review');
    await sweep();
    const after = await checkDashboard();
    expect(after.reviews.overdue).toBe(before.reviews.overdue + 1);
    expect(await text(page, '[data-testid="overdue-reviews"] .n')).toBe(String(before.reviews.overdue + 1));
    expect(after.supervision[tier].overdue).toBe(before.supervision[tier].overdue + 1);
    expect(after.supervision[tier].selection_pending).toBe(before.supervision[tier].selection_pending - 1);
    expect(after.supervision[tier].none_scheduled).toBe(before.supervision[tier].none_scheduled);
    const raised = await listAll<Alert>(api, `/api/v1/alerts?contractorId=${target.id}&status=open`);
    expect(raised.map((a) => a.kind)).toEqual(['review_overdue']);
    await page.screenshot({ path: join(SHOTS, `dashboard-${lang}.png`), fullPage: true });

    // No controls for a manager: not on the contractor, not in the inbox.
    await open(page, `/contractors/${target.id}`, lang);
    expect(await page.locator('main ol li').textContent()).toContain(label(labels.supervisionStatus, 'overdue'));
    for (const label of [t('c.edit'), t('a.new'), t('r.schedule'), t('r.complete')]) {
      expect(await page.getByRole('link', { name: label, exact: true }).count(), label).toBe(0);
    }
    expect(await page.locator('main form').count()).toBe(0);
    await open(page, '/alerts', lang);
    expect(await page.locator('tr[data-alert]').count()).toBeGreaterThan(0);
    expect(await page.locator('main form[method="post"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: t('al.acknowledge'), exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: t('al.resolve'), exact: true }).count()).toBe(0);
    await open(page, '/contractors/new', lang, 403);
    expect(await page.getByRole('alert').textContent()).toBe(t('err.forbidden', { role: labels.role.manager[lang] }));

    // …and the server refuses the POSTs anyway, with the session and a valid CSRF token.
    const csrf = await csrfOf(page);
    const total = (await getJson<Summary>(api, '/api/v1/dashboard/summary')).contractors.total;
    const register = await page.request.post('/contractors', {
      form: { _csrf: csrf, name: `Manager's own ${lang}`, dataCategories: 'customers' },
      maxRedirects: 0,
    });
    expect(register.status()).toBe(403);
    expect(await register.text()).toContain(t('err.forbidden', { role: labels.role.manager[lang] }));
    const [anAlert] = await listAll<Alert>(api, '/api/v1/alerts?status=open');
    const ack = await page.request.post(`/alerts/${anAlert?.id}/acknowledge`, {
      form: { _csrf: csrf },
      maxRedirects: 0,
    });
    expect(ack.status()).toBe(403);
    // Without the token it is the CSRF lock that answers.
    const forged = await page.request.post('/contractors', {
      form: { name: 'forged', dataCategories: 'customers' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain(t('err.csrf'));
    expect((await getJson<Summary>(api, '/api/v1/dashboard/summary')).contractors.total).toBe(total);
    expect((await getJson<Alert>(api, `/api/v1/alerts/${anAlert?.id}`)).status).toBe('open');
  });
});

describe('language without ?lang=', () => {
  it('follows Accept-Language on a first visit, Japanese by default', async () => {
    for (const [locale, lang] of [
      ['en-US', 'en'],
      ['ja-JP', 'ja'],
      ['de-DE', 'ja'],
    ] as const) {
      const context = await browser.newContext({ baseURL: server.url, locale });
      contexts.push(context);
      const page = await context.newPage();
      await open(page, '/login', lang);
      expect(await page.getByRole('button', { name: i18n(lang).t('login.submit'), exact: true }).count()).toBe(1);
    }
  });
});
