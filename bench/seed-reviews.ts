import { type FindingRow, findingCategories, findings, type ReviewRow, reviewKinds, reviews } from '../db/schema';
import { addDays } from '../src/domain/calendar';
import { newId } from '../src/platform/ids';
import { openSqlite } from '../src/platform/node-sqlite';
import { bulkInserter, dropIndexes } from './lib/bulk';
import { personName } from './lib/names';
import { type Prng, prng } from './lib/prng';

/**
 * Supervision history on top of seedContractors(): REVIEWS_PER_CONTRACTOR reviews for
 * every contractor (1,000,000 at 100,000 contractors), some findings, and
 * `contractors.next_review_due` made consistent with them, as the app keeps it.
 *
 * The shape is what the sweep scenario needs (benchmarks.md): about 5 % of all reviews
 * are open and overdue on `today`; about DUE_ON_DAY open reviews fall due on `today`
 * itself, so that one day later the daily sweep has ~700 new overdue reviews; the other
 * open reviews are spread over the next two years; everything else is completed or
 * cancelled in the past.
 */
export const REVIEWS_PER_CONTRACTOR = 10;
const DUE_ON_DAY = 700;

export interface ReviewSeedOptions {
  seed: number;
  /** The seed's civil date: "overdue" and "due today" are relative to it. */
  today: string;
}

export interface ReviewsSeeded {
  reviews: number;
  openOverdue: number;
  dueToday: number;
  findings: number;
  seconds: number;
}

interface ContractorFacts {
  id: string;
  status: string;
  cross_border_basis: string | null;
}

const checklist = ['adequate', 'adequate', 'adequate', 'needs_improvement', 'inadequate'] as const;
const pastKinds = reviewKinds.filter((k) => k !== 'cross_border_confirmation' && k !== 'selection');
const findingTexts = [
  'アクセスログの定期確認が未実施',
  '退職者アカウントの削除漏れ',
  '委託先従業員への教育記録が不足',
  '保管庫の施錠管理が不十分',
  '暗号化されていない媒体での持ち出し',
] as const;

/**
 * Dates as day offsets from `today`, formatted once each: a million rows need only a
 * few thousand distinct dates, and formatting them per row was a third of the load time.
 */
function dayTable(today: string) {
  const memo = (format: (offset: number) => string) => {
    const cache = new Map<number, string>();
    return (offset: number): string => {
      const hit = cache.get(offset);
      if (hit !== undefined) return hit;
      const value = format(offset);
      cache.set(offset, value);
      return value;
    };
  };
  const day = memo((offset) => addDays(today, offset));
  const stamp = memo((offset) => `${day(offset)}T00:00:00.000Z`);
  return { day, stamp };
}
type Days = ReturnType<typeof dayTable>;

/** The outcome of a completed review: 70 % satisfactory, 20 % minor, 8 % major, 2 % unsatisfactory findings. */
function outcome(r: Prng): NonNullable<ReviewRow['outcome']> {
  const x = r.next();
  return x < 0.7 ? 'satisfactory' : x < 0.9 ? 'minor_findings' : x < 0.98 ? 'major_findings' : 'unsatisfactory';
}

function review(
  fields: Pick<ReviewRow, 'contractorId' | 'kind' | 'status'>,
  dueOffset: number,
  r: Prng,
  days: Days,
): ReviewRow {
  const done = fields.status === 'completed';
  const createdAt = days.stamp(dueOffset - r.int(30, 120));
  // Fields one by one: an object spread here cost 3 µs a row (a third of the load time).
  return {
    contractorId: fields.contractorId,
    kind: fields.kind,
    status: fields.status,
    id: newId(),
    agreementId: null,
    dueDate: days.day(dueOffset),
    assignee: r.chance(0.7) ? personName(r) : null,
    completedOn: done ? days.day(dueOffset - r.int(0, 20)) : null,
    outcome: done ? outcome(r) : null,
    checklistOrganizational: done ? r.pick(checklist) : 'not_assessed',
    checklistHuman: done ? r.pick(checklist) : 'not_assessed',
    checklistPhysical: done ? r.pick(checklist) : 'not_assessed',
    checklistTechnical: done ? r.pick(checklist) : 'not_assessed',
    checklistBasicPolicy: 'not_assessed',
    checklistHandlingRules: 'not_assessed',
    checklistExternalEnvironment: 'not_assessed',
    notes: done && r.chance(0.3) ? '委託先の安全管理措置を確認した。' : null,
    cancelReason: fields.status === 'cancelled' ? '委託内容の変更により中止' : null,
    scheduledBy: 'system',
    createdAt,
    updatedAt: createdAt,
    version: done ? 2 : 1,
  };
}

/** A finding of a completed review: most resolved, the open ones due around today. */
function finding(rv: ReviewRow, r: Prng, today: string): FindingRow {
  const open = r.chance(0.15);
  const completed = rv.completedOn ?? rv.dueDate;
  const dueDate = open ? addDays(today, r.int(-60, 90)) : addDays(completed, r.int(14, 60));
  const createdAt = `${completed}T09:00:00.000Z`;
  return {
    id: newId(),
    reviewId: rv.id,
    contractorId: rv.contractorId,
    severity: rv.outcome === 'minor_findings' ? 'low' : r.pick(['medium', 'high'] as const),
    category: r.pick(findingCategories),
    description: r.pick(findingTexts),
    dueDate,
    status: open ? 'open' : 'resolved',
    resolvedOn: open ? null : dueDate < today ? dueDate : today,
    resolutionNote: open ? null : '是正を確認',
    createdAt,
    updatedAt: createdAt,
    version: open ? 1 : 2,
  };
}

export async function seedReviews(path: string, opts: ReviewSeedOptions): Promise<ReviewsSeeded> {
  const started = performance.now();
  const { today } = opts;
  const { sqlite } = openSqlite(path);
  try {
    const r = prng(opts.seed);
    const days = dayTable(today);
    const facts = sqlite
      .prepare('SELECT id, status, cross_border_basis FROM contractors ORDER BY id')
      .all() as ContractorFacts[];
    const live = facts.filter((c) => c.status !== 'terminated').length;
    // ~5 % of all reviews overdue: the next review of about half the live contractors,
    // plus overdue follow-ups; DUE_ON_DAY next reviews fall due exactly today.
    const pOverdue = 0.5;
    const pFollowUp = 0.06;
    const pToday = DUE_ON_DAY / Math.max(1, live);
    const indexes = dropIndexes(sqlite, ['reviews', 'findings']);
    const insertReview = bulkInserter(sqlite, reviews);
    const insertFinding = bulkInserter(sqlite, findings);
    let count = 0;
    let openOverdue = 0;
    let dueToday = 0;
    let findingCount = 0;
    const add = (row: ReviewRow) => {
      insertReview(row);
      count++;
      if (row.status === 'scheduled' || row.status === 'in_progress') {
        if (row.dueDate < today && row.kind !== 'cross_border_confirmation') openOverdue++;
        if (row.dueDate === today) dueToday++;
      }
    };
    const openStatus = () => (r.chance(0.1) ? 'in_progress' : 'scheduled');
    sqlite.transaction(() => {
      for (const c of facts) {
        let slots = REVIEWS_PER_CONTRACTOR;
        if (c.status !== 'terminated') {
          // The next review: none for 2 % of active contractors (the "none scheduled" alert).
          if (!(c.status === 'active' && r.chance(0.02))) {
            const due = r.chance(pToday) ? 0 : r.chance(pOverdue) ? -r.int(1, 180) : r.int(1, 730);
            const kind = c.status === 'proposed' ? 'selection' : 'periodic';
            add(review({ contractorId: c.id, kind, status: openStatus() }, due, r, days));
            slots--;
          }
          // An open yearly confirmation where the basis is equivalent measures (APPI Art. 28).
          if (c.cross_border_basis === 'equivalent_measures') {
            const kind = 'cross_border_confirmation';
            add(review({ contractorId: c.id, kind, status: 'scheduled' }, r.int(-20, 365), r, days));
            slots--;
          }
          if (r.chance(pFollowUp)) {
            add(review({ contractorId: c.id, kind: 'follow_up', status: openStatus() }, -r.int(1, 90), r, days));
            slots--;
          }
        }
        // The history: completed (some cancelled) reviews due between 5 years ago and yesterday.
        for (; slots > 0; slots--) {
          const status = r.chance(0.07) ? 'cancelled' : 'completed';
          const row = review({ contractorId: c.id, kind: r.pick(pastKinds), status }, -r.int(1, 5 * 365), r, days);
          add(row);
          if (row.outcome && row.outcome !== 'satisfactory' && r.chance(0.1)) {
            insertFinding(finding(row, r, today));
            findingCount++;
          }
        }
      }
    })();
    for (const ddl of indexes) sqlite.exec(ddl);
    // The earliest open review per contractor, as the app keeps it (reviews.repo.ts).
    sqlite.exec(`UPDATE contractors SET next_review_due = (SELECT min(r.due_date) FROM reviews r
      WHERE r.contractor_id = contractors.id AND r.status IN ('scheduled', 'in_progress'))`);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return {
      reviews: count,
      openOverdue,
      dueToday,
      findings: findingCount,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    sqlite.close();
  }
}
