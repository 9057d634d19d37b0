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
  contractorsByIds,
  contractorsMatching,
  descendantsOf,
  getContractorRow,
  ordersByDueDate,
} from './contractors.repo';
import { viewCacheOf, viewJson } from './contractors.view-cache';

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
const fetchers = new WeakMap<object, ReturnType<typeof contractorsByIds>>();

type ListQuery = Omit<ContractorFilter, 'afterId'> & { cursor?: string };

/** One list page as kept views (contractors.view-cache.ts), the rows not kept read and presented now. */
async function listedPage(ctx: ServiceContext, q: ListQuery) {
  let lister = listers.get(ctx.db);
  let fetch = fetchers.get(ctx.db);
  if (!lister || !fetch) {
    lister = contractorLister(ctx.db);
    fetch = contractorsByIds(ctx.db);
    listers.set(ctx.db, lister);
    fetchers.set(ctx.db, fetch);
  }
  const byDue = ordersByDueDate(q);
  let afterId: string | undefined;
  let afterDue: string | undefined;
  if (byDue) [afterDue, afterId] = decodeCursor<[string, string]>(q.cursor, ['string', 'string']) ?? [];
  else [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const day = todayOf(ctx);
  const keys = await lister({ ...q, afterId, afterDue, limit: q.limit + 1 }, day);
  const cache = viewCacheOf(ctx);
  const page = keysetPage(keys, q.limit, (k) => (byDue ? [k.nextReviewDue ?? '', k.id] : [k.id]));
  const entries = page.items.map((k) => cache.get(k, day.today));
  const missing = page.items.filter((_, i) => entries[i] === undefined).map((k) => k.id);
  if (missing.length) {
    const rows = new Map((await fetch(missing)).map((r) => [r.id, r]));
    page.items.forEach((k, i) => {
      const row = rows.get(k.id);
      if (!entries[i] && row) entries[i] = cache.put(presentContractor(row, ctx, day), day.today);
    });
  }
  return { entries: entries.filter((e) => e !== undefined), nextCursor: page.nextCursor };
}

export async function listContractors(ctx: ServiceContext, q: ListQuery) {
  const { entries, nextCursor } = await listedPage(ctx, q);
  return { items: entries.map((e) => e.view), nextCursor };
}

/**
 * The same page as the JSON text of `listContractors` (byte for byte what serialising it
 * gives), made of each view's JSON kept beside it: the API's list answers with it.
 */
export async function listContractorsJson(ctx: ServiceContext, q: ListQuery): Promise<string> {
  const { entries, nextCursor } = await listedPage(ctx, q);
  return `{"items":[${entries.map(viewJson).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
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
