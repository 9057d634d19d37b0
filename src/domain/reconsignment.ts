/**
 * Re-consignment (再委託) rules that decide from what is on record, without the database.
 *
 * - APPI Art. 25 and the PPC General Guidelines (通則編) 3-4-4: the business supervises
 *   sub-contractors through its contractor; where the agreement lets the contractor
 *   re-consign only with prior approval (事前承認), the approval — who approved, when, what
 *   work, how the data is handled — is what the business checks (通則編 3-4-4 事例3, 4:
 *   not grasping the re-consignment is a failure of supervision). An agreement in force
 *   that prohibits re-consignment stops it outright.
 * - My Number Act (番号法) Art. 10(1): a contractor may re-consign work with 個人番号
 *   (特定個人情報) only with the permission (許諾) of the one who first entrusted it.
 * - Ending a chain: a contractor leaves the register only after the data it handled was
 *   returned or deleted (APPI Art. 22; the contract's measures after its end), and its
 *   sub-contractors received that data through it, so they end first or with it.
 */

export type ReconsignmentTerm = 'prohibited' | 'prior_approval' | 'allowed';

/** An agreement of the parent in force today, as the rule reads it. */
export interface ParentTerm {
  title: string;
  reconsignment: ReconsignmentTerm;
}

/** What the sub-contractor has on record. */
export interface SubContractorRecord {
  dataCategories: readonly string[];
  reconsignmentApproval: unknown | null;
  myNumberPermission: unknown | null;
}

export type ReconsignmentRefusal =
  | { slug: 'reconsignment-prohibited'; agreement: string }
  | { slug: 'reconsignment-approval-required'; agreement: string }
  | { slug: 'my-number-permission-required' };

/**
 * Why the sub-contractor may not sit under a parent with these agreements in force, or
 * null when it may: a prohibition first (nothing fixes it but another parent), then a
 * missing approval under a prior_approval agreement, then missing My Number permission.
 */
export function reconsignmentRefusal(
  parentTerms: readonly ParentTerm[],
  sub: SubContractorRecord,
): ReconsignmentRefusal | null {
  const prohibiting = parentTerms.find((a) => a.reconsignment === 'prohibited');
  if (prohibiting) return { slug: 'reconsignment-prohibited', agreement: prohibiting.title };
  const approving = parentTerms.find((a) => a.reconsignment === 'prior_approval');
  if (approving && !sub.reconsignmentApproval) {
    return { slug: 'reconsignment-approval-required', agreement: approving.title };
  }
  if (sub.dataCategories.includes('my_number') && !sub.myNumberPermission) {
    return { slug: 'my-number-permission-required' };
  }
  return null;
}

/** A sub-contractor somewhere below the contractor being terminated. */
export interface ChainMemberState {
  id: string;
  name: string;
  status: string;
  /** Titles of its agreements with no return or deletion of the data recorded. */
  lackingDisposition: readonly string[];
}

export interface ChainBlocker {
  id: string;
  name: string;
  reason: 'not_terminated' | 'disposition';
  agreements: readonly string[];
}

/**
 * What stops terminating a contractor with these sub-contractors below it. Alone
 * (`cascade` false): every sub-contractor must already be terminated with the data of each
 * of its agreements returned or deleted. With the chain (`cascade` true): the ones still
 * running end in the same unit, so only a missing disposition stops it.
 */
export function chainTerminationBlockers(members: readonly ChainMemberState[], cascade: boolean): ChainBlocker[] {
  const blockers: ChainBlocker[] = [];
  for (const m of members) {
    if (!cascade && m.status !== 'terminated') {
      blockers.push({ id: m.id, name: m.name, reason: 'not_terminated', agreements: m.lackingDisposition });
    } else if (m.lackingDisposition.length) {
      blockers.push({ id: m.id, name: m.name, reason: 'disposition', agreements: m.lackingDisposition });
    }
  }
  return blockers;
}
