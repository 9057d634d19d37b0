import { type AgreementDates, agreementStatus } from './agreement-terms';
import { addDays } from './calendar';

/**
 * Requests from the people whose data it is (開示等の請求; APPI Art. 33–35). The company
 * must act 「遅滞なく」 (Art. 33(2) disclosure, 34(2) correction, 35(2), (4) and (6)
 * suspension, erasure and stopping provision): the Act and the PPC General Guidelines
 * (通則編 3-8) set no number of days, so the company sets its own internal target.
 */
export const DEFAULT_TARGET_DAYS = 14;
/** A longer target would no longer read as "without delay"; a month is the bound itaku accepts. */
export const MAX_TARGET_DAYS = 30;

/** The internal target date: the day of receipt plus the target, in calendar days. */
export const dueOnOf = (receivedOn: string, targetDays: number): string => addDays(receivedOn, targetDays);

/** An open request due within this many days (or overdue) raises `subject_request_due`. */
export const DUE_WARN_DAYS = 3;

export type DueState = 'none' | 'due_soon' | 'overdue';

export function dueState(r: { status: 'open' | 'closed'; dueOn: string }, today: string): DueState {
  if (r.status !== 'open') return 'none';
  if (r.dueOn < today) return 'overdue';
  return r.dueOn <= addDays(today, DUE_WARN_DAYS) ? 'due_soon' : 'none';
}

/**
 * Outcomes that decline the request in whole or in part. The privacy policy §8 and APPI
 * Art. 33(2) items 1–3 name the grounds; the refusal must record one and the reason, which
 * the company owes the person (Art. 33(3), 34(3), 35(7) notice; Art. 36 reasons).
 */
export const REFUSING_OUTCOMES = ['refused', 'partly_fulfilled'] as const;
export const isRefusal = (outcome: string): boolean => (REFUSING_OUTCOMES as readonly string[]).includes(outcome);

export interface Closing {
  outcome: string;
  refusalGround?: string | null;
  refusalReason?: string | null;
}

/** The fields a closing lacks or must not carry: [path, rule]. */
export function closingProblems(
  c: Closing,
): [path: 'refusalGround' | 'refusalReason', rule: 'required' | 'notRefusal'][] {
  const problems: [path: 'refusalGround' | 'refusalReason', rule: 'required' | 'notRefusal'][] = [];
  const reason = c.refusalReason?.trim() ?? '';
  if (isRefusal(c.outcome)) {
    if (!c.refusalGround) problems.push(['refusalGround', 'required']);
    if (!reason) problems.push(['refusalReason', 'required']);
  } else {
    if (c.refusalGround) problems.push(['refusalGround', 'notRefusal']);
    if (reason) problems.push(['refusalReason', 'notRefusal']);
  }
  return problems;
}

/** In force on a day: the agreement's derived status on that day is `active` (agreement-terms.ts). */
export const inForceOn = (a: AgreementDates, on: string): boolean => agreementStatus(a, on) === 'active';

export interface HolderContractor {
  id: string;
  parentId: string | null;
  status: string;
  dataCategories: readonly string[];
}
export interface HolderAgreement extends AgreementDates {
  contractorId: string;
  dataCategories: readonly string[];
}

/**
 * Who holds the person's data, category by category, on the day the request was received:
 * a contractor with an agreement in force that day covering the category (the agreement
 * says what was consigned: 委託契約), and below it every sub-contractor not terminated
 * whose own categories include it (再委託: the data reaches it only through its parent,
 * and its categories stay within the parent's). The SQL in subject-requests.repo.ts is the
 * same rule; tests/unit/subject-requests.test.ts holds them to each other.
 */
export function holdersOf(
  categories: readonly string[],
  on: string,
  contractors: readonly HolderContractor[],
  agreements: readonly HolderAgreement[],
): string[] {
  const held = new Set<string>();
  const seen = new Set<string>();
  const queue: [contractorId: string, category: string][] = [];
  const visit = (id: string, category: string) => {
    const key = `${id}\u0000${category}`;
    if (seen.has(key)) return;
    seen.add(key);
    held.add(id);
    queue.push([id, category]);
  };
  for (const a of agreements) {
    if (!inForceOn(a, on)) continue;
    for (const category of a.dataCategories) if (categories.includes(category)) visit(a.contractorId, category);
  }
  while (queue.length > 0) {
    const [parent, category] = queue.shift() as [string, string];
    for (const c of contractors) {
      if (c.parentId === parent && c.status !== 'terminated' && c.dataCategories.includes(category))
        visit(c.id, category);
    }
  }
  return [...held].sort();
}
