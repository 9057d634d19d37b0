import { agreementStatus } from '../../domain/agreement-terms';
import { reconsignmentRefusal } from '../../domain/reconsignment';
import type { ServiceContext } from '../../platform/app-env';
import { isUniqueViolation, rootCauseMessage } from '../../platform/db';
import { fieldError, invalidFields, ProblemError } from '../../platform/problem';
import { agreementsOf } from '../agreements/agreements.repo';
import { ancestorsOf, descendantsOf, findContractor, findCorporateNumberHolder } from './contractors.repo';

/**
 * The registry's rules that read before they write: one record per corporate number,
 * and re-consignment chains that stay acyclic and shallow. The services check them
 * before writing, for a clear message; the database enforces them again inside the
 * writing unit (the unique index `contractors_corporate_number_uq` and the chain triggers
 * of migration 0009), so that concurrent writes cannot break them between the check and
 * the commit. Both ways end in the same 409 problems, defined here.
 */

/** A chain deeper than this is refused: supervision cannot reach that far in practice. */
export const MAX_CHAIN_DEPTH = 5;

/** `holder` names the contractor registered with the number, when known. */
export const duplicateContractor = (corporateNumber: string | null, holder?: string) =>
  new ProblemError(
    409,
    'duplicate-contractor',
    `${corporateNumber ? `Corporate number ${corporateNumber}` : 'A corporate number'} is already registered${holder ? ` as ${holder}` : ''}.`,
    [
      holder
        ? fieldError('corporateNumber', 'alreadyRegisteredAs', { name: holder })
        : fieldError('corporateNumber', 'alreadyRegistered'),
    ],
  );

export const reconsignmentCycle = () =>
  new ProblemError(
    409,
    'reconsignment-cycle',
    'A contractor cannot be a sub-contractor of itself or of one of its own sub-contractors.',
    [fieldError('parentId', 'chainCycle')],
  );

export const chainTooDeep = () =>
  new ProblemError(
    409,
    'chain-too-deep',
    `Re-consignment chains may have at most ${MAX_CHAIN_DEPTH} levels below the first contractor.`,
    [fieldError('parentId', 'chainTooDeep')],
  );

/** One company, one record: a corporate number already registered to another contractor is a 409. */
export async function checkCorporateNumberFree(
  ctx: ServiceContext,
  corporateNumber: string | null,
  selfId: string | null,
) {
  if (!corporateNumber) return;
  const holder = await findCorporateNumberHolder(ctx.db, corporateNumber, selfId);
  if (holder) throw duplicateContractor(corporateNumber, holder.name);
}

/** 409 `contractor-terminated`: a terminated contractor takes no sub-contractors (its chain has ended). */
export const parentTerminated = (name: string) =>
  new ProblemError(409, 'contractor-terminated', `${name} is terminated; it takes no sub-contractors.`, [
    fieldError('parentId', 'parentTerminated', { name }),
  ]);

/** What the sub-contractor has on record for the parent's and the original consignor's consent. */
export interface PlacementRecord {
  reconsignmentApproval: unknown | null;
  myNumberPermission: unknown | null;
}

const nothingOnRecord: PlacementRecord = { reconsignmentApproval: null, myNumberPermission: null };

/**
 * Re-consignment (再委託) rules for placing `childId` (null when new) with `categories`
 * under `parentId`: the parent exists and is not terminated, the chain stays acyclic and
 * shallow, the parent's agreements in force allow it (src/domain/reconsignment.ts: not
 * prohibited; under prior_approval the approval on record, 通則編 3-4-4; My Number data
 * with the original consignor's permission, 番号法10条), and the child handles no data
 * category the parent does not (PPC General Guidelines §3-4-4: supervision reaches
 * sub-contractors through the contractor).
 */
export async function checkPlacement(
  ctx: ServiceContext,
  childId: string | null,
  parentId: string,
  categories: string[],
  record: PlacementRecord = nothingOnRecord,
) {
  const parent = await findContractor(ctx.db, parentId);
  if (!parent) throw invalidFields([fieldError('parentId', 'noSuchContractor', { id: parentId })]);
  if (parent.status === 'terminated') throw parentTerminated(parent.name);
  const ancestors = await ancestorsOf(ctx.db, parentId);
  if (childId !== null && (parentId === childId || ancestors.some((a) => a.id === childId))) {
    throw reconsignmentCycle();
  }
  // Contractors from the top of the chain down to the deepest one below the child.
  const below = childId === null ? 0 : Math.max(0, ...(await descendantsOf(ctx.db, childId)).map((d) => d.depth));
  const depth = ancestors.length + 2 + below;
  if (depth > MAX_CHAIN_DEPTH + 1) throw chainTooDeep();
  const today = ctx.clock.today();
  const inForce = (await agreementsOf(ctx.db, parentId)).filter((a) => agreementStatus(a, today) === 'active');
  const refusal = reconsignmentRefusal(inForce, { dataCategories: categories, ...record });
  if (refusal?.slug === 'reconsignment-prohibited') {
    throw new ProblemError(
      409,
      'reconsignment-prohibited',
      `${parent.name}'s agreement "${refusal.agreement}" prohibits re-consignment.`,
      [fieldError('parentId', 'parentMayNotReconsign')],
    );
  }
  const outside = categories.filter((c) => !parent.dataCategories.includes(c));
  if (outside.length > 0) {
    throw new ProblemError(
      409,
      'reconsignment-scope',
      `A sub-contractor can only handle data its parent handles; ${parent.name} does not handle: ${outside.join(', ')}.`,
      [fieldError('dataCategories', 'notHandledByParent', { categories: outside.join(', ') })],
    );
  }
  if (refusal?.slug === 'reconsignment-approval-required') {
    throw new ProblemError(
      409,
      'reconsignment-approval-required',
      `${parent.name}'s agreement "${refusal.agreement}" allows re-consignment only with prior approval: record it in reconsignmentApproval {approvedOn, approvedBy, work, handling}.`,
      [fieldError('reconsignmentApproval', 'reconsignmentApprovalRequired', { agreement: refusal.agreement })],
    );
  }
  if (refusal?.slug === 'my-number-permission-required') {
    throw new ProblemError(
      409,
      'my-number-permission-required',
      'My Number data (my_number) is re-consigned only with the original consignor’s permission (My Number Act Art. 10): record it in myNumberPermission {permittedOn, permittedBy}.',
      [fieldError('myNumberPermission', 'myNumberPermissionRequired')],
    );
  }
}

/** The messages the chain triggers of migration 0009 abort with. */
const CHAIN_CYCLE = 'contractor_chain_cycle';
const CHAIN_DEPTH = 'contractor_chain_depth';

export type RegistryConflict = 'corporate-number' | 'cycle' | 'depth';

/** Which of the registry's rules the database refused a unit for, if any. */
export function registryConflictOf(err: unknown): RegistryConflict | undefined {
  if (isUniqueViolation(err, 'contractors.corporate_number')) return 'corporate-number';
  // better-sqlite3 throws the trigger's message as is; D1 wraps it in its own error.
  const message = rootCauseMessage(err);
  if (message.includes(CHAIN_CYCLE)) return 'cycle';
  if (message.includes(CHAIN_DEPTH)) return 'depth';
  return undefined;
}

/**
 * The 409 problem for a contractor write (of `corporateNumber`, by `selfId` when stored;
 * null when unknown)
 * that the database refused inside its unit because a concurrent write got there first;
 * any other error is returned as it is. Nothing of the unit was written.
 */
export async function asRegistryProblem(
  ctx: ServiceContext,
  err: unknown,
  corporateNumber: string | null,
  selfId: string | null,
): Promise<unknown> {
  switch (registryConflictOf(err)) {
    case 'corporate-number': {
      // The concurrent holder is committed by now: name it, as the check before the write does.
      const holder = corporateNumber ? await findCorporateNumberHolder(ctx.db, corporateNumber, selfId) : null;
      return duplicateContractor(corporateNumber, holder?.name);
    }
    case 'cycle':
      return reconsignmentCycle();
    case 'depth':
      return chainTooDeep();
    default:
      return err;
  }
}
