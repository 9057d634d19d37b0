import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { type AgreementRow, agreements, type ContractorRow, contractors, dataCategories } from '../db/schema';
import { currentEndDate, noticeDeadline } from '../src/domain/agreement-terms';
import { addDays, civilDate } from '../src/domain/calendar';
import { corporateCheckDigit } from '../src/domain/corporate-number';
import { needsCrossBorderBasis } from '../src/domain/countries';
import { assessRisk } from '../src/domain/risk';
import { normalizeForSearch } from '../src/domain/search-text';
import { checkProfile } from '../src/modules/contractors/contractors.service';
import { bootstrapAdmin } from '../src/modules/users/users.service';
import { systemClock } from '../src/platform/clock';
import { newId } from '../src/platform/ids';
import { createLogger } from '../src/platform/logger';
import { nodeAuditTrail } from '../src/platform/node-audit-key';
import { openSqlite } from '../src/platform/node-sqlite';
import { bulkInserter, dropIndexes } from './lib/bulk';
import { foreignCompany, japaneseCompany, personName } from './lib/names';
import { type Prng, prng } from './lib/prng';

/** The organisation's zone (the server's default ITAKU_TIMEZONE): "today" must agree with it. */
export const TIME_ZONE = 'Asia/Tokyo';
/** 40 printable characters, as ITAKU_ADMIN_TOKEN requires (≥ 32). */
export const BENCH_ADMIN_TOKEN = 'itk_bench_0123456789abcdefghijklmnopqrst';
/** The audit key of every bench database (ITAKU_AUDIT_KEY), so that copies keep verifying. */
export const BENCH_AUDIT_KEY = 'itka_bench_audit_key_0123456789abcdefghij';

export interface SeedOptions {
  contractors: number;
  agreementsPerContractor: number;
  seed: number;
  /** The civil date the data is "as of" (derived dates, terminations); default today in TIME_ZONE. */
  asOf?: string;
}

export interface Seeded {
  /** Contractor ids in id (creation) order, for cursors. */
  contractorIds: string[];
  /** Their search texts, in the same order: what a `q` must find, computed without the app. */
  searchTexts: string[];
  agreements: number;
  today: string;
  seconds: number;
  /** Of which: generating and inserting rows, then building the indexes. */
  loadSeconds: number;
  indexSeconds: number;
}

const foreignCountries = ['US', 'SG', 'DE', 'GB', 'IN', 'VN', 'PH', 'IE', 'FR', 'CN'] as const;
const DAY_MS = 86_400_000;

/** Due dates spread over overdue, due within 14 days, later, and none; for the supervision filters. */
function nextReviewDue(r: Prng, status: ContractorRow['status'], today: string): string | null {
  if (status === 'proposed' || status === 'terminated') return null;
  switch (r.weighted({ overdue: 12, dueSoon: 10, later: 60, none: 18 })) {
    case 'overdue':
      return addDays(today, -r.int(1, 180));
    case 'dueSoon':
      return addDays(today, r.int(0, 14));
    case 'later':
      return addDays(today, r.int(15, 730));
    default:
      return null;
  }
}

/** Corporate numbers drawn so far in this seed: one company, one record, as the unique index demands. */
const drawnNumbers = new Set<string>();

function uniqueBase(r: Prng): string {
  let n = r.int(0, 999_999_999_999);
  while (drawnNumbers.has(String(n))) n = (n + 1) % 1_000_000_000_000;
  drawnNumbers.add(String(n));
  return String(n).padStart(12, '0');
}

function contractor(r: Prng, createdAt: string, today: string, parent: ContractorRow | undefined): ContractorRow {
  const abroad = parent === undefined && r.chance(0.1);
  const country = abroad ? r.pick(foreignCountries) : 'JP';
  const company = abroad ? foreignCompany(r) : japaneseCompany(r);
  const base = uniqueBase(r);
  const status = r.weighted({ proposed: 10, approved: 10, active: 65, suspended: 5, terminated: 10 });
  const override = r.chance(0.02) ? r.pick(['high', 'medium', 'low'] as const) : null;
  const profile = {
    ...company,
    corporateNumber: !abroad && r.chance(0.8) ? `${corporateCheckDigit(base)}${base}` : null,
    country,
    contactName: r.chance(0.9) ? personName(r) : null,
    contactEmail: r.chance(0.8) ? `contact${r.int(1, 9_999_999)}@example.co.jp` : null,
    // A sub-contractor handles only what its parent handles (re-consignment scope rule).
    dataCategories: r.subset(parent ? parent.dataCategories : dataCategories, 0.3),
    handlesSpecialCare: r.chance(0.05),
    handlesPaymentData: r.chance(0.1),
    subjectCount: Math.floor(10 ** (r.next() * 6.5)),
    systemAccess: r.chance(0.3),
    parentId: parent?.id ?? null,
    crossBorderBasis: needsCrossBorderBasis(country) ? r.pick(['consent', 'equivalent_measures'] as const) : null,
    riskTierOverride: override,
    riskOverrideReason: override ? '取引実績に基づく見直し' : null,
    processingCountries: [] as string[],
    crossBorderConsent: null as ContractorRow['crossBorderConsent'],
    countryNotes: [] as ContractorRow['countryNotes'],
    // Sub-contractors come with the parent's approval and, for My Number data, the permission on record.
    reconsignmentApproval: parent
      ? {
          approvedOn: createdAt.slice(0, 10),
          approvedBy: '情報セキュリティ部長',
          work: '委託業務の一部',
          handling: '委託元と同等',
        }
      : null,
    myNumberPermission: null as ContractorRow['myNumberPermission'],
  };
  if (profile.crossBorderBasis === 'consent') {
    profile.crossBorderConsent = {
      informedOn: createdAt.slice(0, 10),
      countryName: country,
      systemInfo: '個人情報保護委員会の公表資料に基づく当該国の制度',
      measuresInfo: '提供先のプライバシーポリシーに基づく措置',
    };
  }
  if (parent && profile.dataCategories.includes('my_number')) {
    profile.myNumberPermission = { permittedOn: createdAt.slice(0, 10), permittedBy: '人事部長' };
  }
  const risk = assessRisk({ ...profile, isSubContractor: parent !== undefined });
  return {
    ...profile,
    id: newId(),
    searchText: normalizeForSearch(`${profile.name} ${profile.nameKana ?? ''}`),
    status,
    riskTier: override ?? risk.tier,
    riskFactors: risk.factors,
    nextReviewDue: nextReviewDue(r, status, today),
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
}

const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);
const titles = ['業務委託契約書', '個人情報の取扱いに関する覚書', '秘密保持契約書'] as const;

function agreement(r: Prng, c: ContractorRow, n: number, reconsignment: AgreementRow['reconsignment'], today: string) {
  const startDate = addDays(c.createdAt.slice(0, 10), r.int(0, 90));
  const endDate = r.chance(0.8) ? addDays(startDate, r.pick([365, 730, 1095]) - 1) : null;
  const autoRenew = endDate !== null && r.chance(0.5);
  const clauses = Array.from({ length: 8 }, () => r.chance(0.88));
  // Terminated between the start and today (or on the start day of a not yet started one).
  const terminatedOn =
    c.status === 'terminated' ? later(startDate, earlier(addDays(startDate, r.int(30, 600)), today)) : null;
  const disposed = terminatedOn !== null && r.chance(0.7);
  const row: AgreementRow = {
    id: newId(),
    contractorId: c.id,
    title: titles[n % titles.length] ?? titles[0],
    reference: r.chance(0.7) ? `AG-${startDate.slice(0, 4)}-${String(r.int(1, 99_999)).padStart(5, '0')}` : null,
    purpose: c.services ?? '業務委託',
    dataCategories: r.subset(c.dataCategories, 0.7),
    startDate,
    endDate,
    autoRenew,
    renewalTermMonths: autoRenew ? r.pick([12, 24]) : null,
    noticePeriodDays: endDate && r.chance(0.7) ? r.pick([30, 60, 90]) : null,
    reconsignment,
    clauseResponsibilities: clauses[0] ?? true,
    clauseSecurityMeasures: clauses[1] ?? true,
    clauseReconsignment: clauses[2] ?? true,
    clauseReporting: clauses[3] ?? true,
    clauseComplianceChecks: clauses[4] ?? true,
    clauseBreachOfContract: clauses[5] ?? true,
    clauseIncidentReporting: clauses[6] ?? true,
    clauseAfterTermination: clauses[7] ?? true,
    missingClauseCount: clauses.filter((ok) => !ok).length,
    currentEndDate: null,
    noticeDeadline: null,
    terminatedOn,
    dispositionMethod: disposed ? r.pick(['returned', 'deleted'] as const) : null,
    dispositionConfirmedOn: disposed ? addDays(terminatedOn, r.int(0, 30)) : null,
    dispositionEvidence: disposed ? '削除証明書を受領' : null,
    createdAt: c.createdAt,
    updatedAt: c.createdAt,
    version: 1,
  };
  // Stored derived dates, as of today, as the agreements service stores them.
  row.currentEndDate = currentEndDate(row, today);
  row.noticeDeadline = noticeDeadline(row, today);
  return row;
}

const SEARCH_MIGRATION = fileURLToPath(new URL('../db/migrations/0016_contractor_search.sql', import.meta.url));

/**
 * The name-search index is built like the other indexes: once after the load, by the
 * backfill statements of its own migration (6× faster than its triggers row by row),
 * with its triggers dropped meanwhile and then restored.
 */
function dropSearchTriggers(sqlite: Database.Database): string[] {
  const rows = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'contractor_search_%'`)
    .all() as { name: string; sql: string }[];
  for (const { name } of rows) sqlite.exec(`DROP TRIGGER "${name}"`);
  return rows.map((r) => r.sql);
}

/** The migration's statements that fill the index from the contractors (and merge it). */
const searchIndexFill = (): string[] =>
  readFileSync(SEARCH_MIGRATION, 'utf8')
    .split('--> statement-breakpoint')
    .map((statement) => statement.trim())
    .filter((statement) => /^(--[^\n]*\n)*INSERT INTO `contractor_search_(keys|fts)`/.test(statement));

/**
 * A fresh database at `path` with the schema from the real migrations, the admin (token
 * BENCH_ADMIN_TOKEN) created by the app's own bootstrap, then contractors and agreements
 * bulk-loaded with raw prepared statements in one transaction. Every value is what the
 * app itself would store (derived risk tier and factors, search text, valid corporate
 * numbers and cross-border bases, consistent clause counts); only the ids (uuidv7 from
 * newId(), time-ordered as in production) differ between runs.
 */
export async function seedContractors(path: string, opts: SeedOptions): Promise<Seeded> {
  const started = performance.now();
  drawnNumbers.clear();
  const { db, sqlite } = openSqlite(path);
  try {
    const clock = systemClock(TIME_ZONE);
    const audit = await nodeAuditTrail(db, { dbPath: path, auditKey: BENCH_AUDIT_KEY }, clock, createLogger('silent'));
    await bootstrapAdmin({ db, clock, audit }, BENCH_ADMIN_TOKEN);
    const today = opts.asOf ?? civilDate(new Date(), TIME_ZONE);
    const r = prng(opts.seed);
    const indexes = dropIndexes(sqlite, ['contractors', 'agreements']);
    const searchTriggers = dropSearchTriggers(sqlite);
    const insertContractor = bulkInserter(sqlite, contractors);
    const insertAgreement = bulkInserter(sqlite, agreements);
    const ids: string[] = [];
    const searchTexts: string[] = [];
    /** Contractors whose agreements allow re-consignment: the only valid parents. */
    const parents: ContractorRow[] = [];
    const loading = performance.now();
    // Creation dates spread evenly over the last three years, in id order.
    const first = Date.now() - 3 * 365 * DAY_MS;
    const step = (3 * 365 * DAY_MS) / opts.contractors;
    sqlite.transaction(() => {
      for (let i = 0; i < opts.contractors; i++) {
        const parent = parents.length > 100 && r.chance(0.03) ? r.pick(parents) : undefined;
        const createdAt = new Date(first + i * step).toISOString();
        const c = contractor(r, createdAt, today, parent);
        // A cheap guard that the generator still follows the app's own profile rules.
        if (i % 1000 === 0) {
          const { errors } = checkProfile(c);
          if (errors.length) throw new Error(`seed row breaks the profile rules: ${JSON.stringify(errors)}`);
        }
        insertContractor(c);
        ids.push(c.id);
        searchTexts.push(c.searchText);
        const reconsignment = r.weighted({ prohibited: 30, prior_approval: 50, allowed: 20 });
        if (!parent && reconsignment !== 'prohibited' && c.status !== 'terminated') parents.push(c);
        for (let n = 0; n < opts.agreementsPerContractor; n++)
          insertAgreement(agreement(r, c, n, reconsignment, today));
      }
    })();
    const indexing = performance.now();
    for (const ddl of indexes) sqlite.exec(ddl);
    const fill = searchIndexFill();
    if (fill.length < 2) throw new Error(`no backfill statements found in ${SEARCH_MIGRATION}`);
    for (const statement of fill) sqlite.exec(statement);
    for (const ddl of searchTriggers) sqlite.exec(ddl);
    const indexed = performance.now();
    // Fold the WAL into the file so the servers start on a clean, compact database.
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return {
      contractorIds: ids,
      searchTexts,
      agreements: opts.contractors * opts.agreementsPerContractor,
      today,
      seconds: (performance.now() - started) / 1000,
      loadSeconds: (indexing - loading) / 1000,
      indexSeconds: (indexed - indexing) / 1000,
    };
  } finally {
    sqlite.close();
  }
}
