import type { ServiceContext } from '../../platform/app-env';
import { decodeCursor } from '../../platform/cursor';
import { keysetPage } from '../../platform/keyset';
import { type ContractorView, presentContractor, todayOf } from './contractors.present';
import {
  ancestorsOf,
  type ChainRow,
  type ContractorFilter,
  contractorCounter,
  contractorLister,
  contractorsMatching,
  descendantsOf,
  getContractorRow,
  ordersByDueDate,
} from './contractors.repo';

// The registry's verbs, by concern; this module is where routes and pages find them.
export { blockerErrors, type SubContractorState, subContractorsOf } from './contractors.chain-end';
export { checkPlacement, MAX_CHAIN_DEPTH } from './contractors.conflicts';
export { createContractor } from './contractors.create';
export { agreementsLackingDisposition, transitionContractor } from './contractors.lifecycle';
export {
  type ContractorView,
  presentContractor,
  supervisionStatus,
  supervisionStatusOf,
  type Today,
} from './contractors.present';
export { checkProfile, newContractorRow, type Profile, profileFromInput } from './contractors.profile';
export { contractorNames } from './contractors.repo';
export {
  gapErrors,
  isSelected,
  type SelectionState,
  selectionPassed,
  selectionReviewOf,
  selectionState,
  selectionStateOf,
  suggestedReviewKind,
} from './contractors.selection';
export { patchContractor } from './contractors.update';

export async function getContractor(ctx: ServiceContext, id: string): Promise<ContractorView> {
  return presentContractor(await getContractorRow(ctx.db, id), ctx);
}

const listers = new WeakMap<object, ReturnType<typeof contractorLister>>();

export async function listContractors(ctx: ServiceContext, q: Omit<ContractorFilter, 'afterId'> & { cursor?: string }) {
  let lister = listers.get(ctx.db);
  if (!lister) {
    lister = contractorLister(ctx.db);
    listers.set(ctx.db, lister);
  }
  const byDue = ordersByDueDate(q);
  let afterId: string | undefined;
  let afterDue: string | undefined;
  if (byDue) [afterDue, afterId] = decodeCursor<[string, string]>(q.cursor, ['string', 'string']) ?? [];
  else [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const day = todayOf(ctx);
  const rows = await lister({ ...q, afterId, afterDue, limit: q.limit + 1 }, day);
  return keysetPage(
    rows,
    q.limit,
    (r) => (byDue ? [r.nextReviewDue ?? '', r.id] : [r.id]),
    (r) => presentContractor(r, ctx, day),
  );
}

const counters = new WeakMap<object, ReturnType<typeof contractorCounter>>();

/** How many contractors the list's filters select: the total a list page shows. */
export async function countContractors(
  ctx: ServiceContext,
  q: Omit<ContractorFilter, 'afterId' | 'afterDue' | 'limit'>,
): Promise<number> {
  let counter = counters.get(ctx.db);
  if (!counter) {
    counter = contractorCounter(ctx.db);
    counters.set(ctx.db, counter);
  }
  return counter(q, todayOf(ctx));
}

/** Contractors whose name or kana contains the text, by name: for forms that pick one (at most `limit`). */
export async function findContractorsByName(ctx: ServiceContext, q: string, limit = 20) {
  const text = q.trim();
  return text ? contractorsMatching(ctx.db, text, limit) : [];
}

const member = (r: ChainRow) => ({
  id: r.id,
  name: r.name,
  status: r.status,
  riskTier: r.risk_tier,
  parentId: r.parent_id,
  depth: r.depth,
});

export async function contractorChain(ctx: ServiceContext, id: string) {
  const row = await getContractorRow(ctx.db, id);
  const [ancestors, descendants] = await Promise.all([ancestorsOf(ctx.db, id), descendantsOf(ctx.db, id)]);
  return {
    contractor: member({
      id: row.id,
      name: row.name,
      status: row.status,
      risk_tier: row.riskTier,
      parent_id: row.parentId,
      depth: 0,
    }),
    ancestors: ancestors.map(member),
    descendants: descendants.map(member),
  };
}
