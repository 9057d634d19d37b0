import { sql } from 'drizzle-orm';
import { type ContractorRow, contractors, dataCategories } from '../../../db/schema';
import { addDays } from '../../domain/calendar';
import { parseCorporateNumber } from '../../domain/corporate-number';
import { isCountryCode, needsCrossBorderBasis } from '../../domain/countries';
import { assessRisk, riskFromFactors } from '../../domain/risk';
import { normalizeForSearch } from '../../domain/search-text';
import type { AppDeps, RequestContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, staleWrite } from '../../platform/concurrency';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { expectOneChange, isStaleWrite } from '../../platform/db';
import { newId } from '../../platform/ids';
import { type FieldError, invalidFields, notFound, ProblemError } from '../../platform/problem';
import { prohibitingAgreements } from '../agreements/agreements.repo';
import { supervisionFollowUps } from '../reviews/reviews.automation';
import {
  asRegistryProblem,
  chainTooDeep,
  checkCorporateNumberFree,
  MAX_CHAIN_DEPTH,
  reconsignmentCycle,
} from './contractors.conflicts';
import {
  ancestorsOf,
  type ChainRow,
  type ContractorFilter,
  childrenOf,
  contractorLister,
  DUE_SOON_DAYS,
  descendantsOf,
  expectNextReviewDue,
  findContractor,
  ordersByDueDate,
} from './contractors.repo';
import type { CreateContractorInput, PatchContractorInput } from './contractors.schemas';

export { MAX_CHAIN_DEPTH };

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

export function supervisionStatus(nextReviewDue: string | null, today: string, soon = addDays(today, DUE_SOON_DAYS)) {
  if (nextReviewDue === null) return 'none_scheduled' as const;
  if (nextReviewDue < today) return 'overdue' as const;
  if (nextReviewDue <= soon) return 'due_soon' as const;
  return 'on_track' as const;
}

/** "Today" as a list page needs it: computed once per page, not once per row. */
export interface Today {
  today: string;
  soon: string;
}
const todayOf = (deps: Pick<Deps, 'clock'>): Today => {
  const today = deps.clock.today();
  return { today, soon: addDays(today, DUE_SOON_DAYS) };
};

export function presentContractor(
  row: ContractorRow,
  deps: Pick<Deps, 'clock' | 'config'>,
  day: Today = todayOf(deps),
) {
  // The stored factors were derived from this row's profile when it was written.
  const risk = riskFromFactors(row.riskFactors);
  return {
    id: row.id,
    name: row.name,
    nameKana: row.nameKana,
    corporateNumber: row.corporateNumber,
    country: row.country,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    services: row.services,
    dataCategories: row.dataCategories as (typeof dataCategories)[number][],
    handlesSpecialCare: row.handlesSpecialCare,
    handlesPaymentData: row.handlesPaymentData,
    subjectCount: row.subjectCount,
    systemAccess: row.systemAccess,
    parentId: row.parentId,
    crossBorderBasis: row.crossBorderBasis,
    status: row.status,
    riskTier: row.riskTier,
    computedRiskTier: risk.tier,
    riskFactors: risk.factors,
    riskPoints: risk.points,
    riskTierOverride: row.riskTierOverride,
    riskOverrideReason: row.riskOverrideReason,
    reviewIntervalMonths: deps.config.reviewIntervals[row.riskTier],
    supervisionStatus: supervisionStatus(row.nextReviewDue, day.today, day.soon),
    nextReviewDue: row.nextReviewDue,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
export type ContractorView = ReturnType<typeof presentContractor>;

export async function getContractor(deps: Deps, id: string): Promise<ContractorView> {
  const row = await findContractor(deps.db, id);
  if (!row) throw notFound('Contractor', id);
  return presentContractor(row, deps);
}

const listers = new WeakMap<object, ReturnType<typeof contractorLister>>();

export async function listContractors(deps: Deps, q: Omit<ContractorFilter, 'afterId'> & { cursor?: string }) {
  let lister = listers.get(deps.db);
  if (!lister) {
    lister = contractorLister(deps.db);
    listers.set(deps.db, lister);
  }
  const byDue = ordersByDueDate(q);
  let afterId: string | undefined;
  let afterDue: string | undefined;
  if (byDue) [afterDue, afterId] = decodeCursor<[string, string]>(q.cursor, ['string', 'string']) ?? [];
  else [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const day = todayOf(deps);
  const rows = await lister({ ...q, afterId, afterDue, limit: q.limit + 1 }, day.today);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  const cursorKey = (r: ContractorRow) => (byDue ? [r.nextReviewDue ?? '', r.id] : [r.id]);
  return {
    items: items.map((r) => presentContractor(r, deps, day)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(cursorKey(last)) : null,
  };
}

/** The profile fields after defaults and normalisation, as stored. */
export type Profile = Omit<
  ContractorRow,
  'id' | 'status' | 'riskTier' | 'riskFactors' | 'nextReviewDue' | 'createdAt' | 'updatedAt' | 'version' | 'searchText'
>;

const canonicalCategories = (list: readonly string[]) => dataCategories.filter((c) => list.includes(c));

/**
 * The registry's own rules on a complete profile (the same for the API and the CSV
 * import): corporate number check digit, country code, the APPI Art. 28 basis, and a
 * reason for a manual tier. Returns the normalised profile or every field error at once.
 */
export function checkProfile(input: Profile): { profile: Profile; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const profile: Profile = { ...input, country: input.country.trim().toUpperCase() };
  profile.dataCategories = canonicalCategories(input.dataCategories);
  if (profile.corporateNumber !== null && profile.corporateNumber !== undefined) {
    const parsed = parseCorporateNumber(profile.corporateNumber);
    if (parsed.ok) profile.corporateNumber = parsed.value;
    else errors.push({ path: 'corporateNumber', message: parsed.reason });
  }
  if (!isCountryCode(profile.country)) {
    errors.push({ path: 'country', message: 'must be an ISO 3166-1 alpha-2 country code such as JP or US' });
  } else if (needsCrossBorderBasis(profile.country) && !profile.crossBorderBasis) {
    errors.push({
      path: 'crossBorderBasis',
      message: `is required for a contractor in ${profile.country} (outside Japan, the EEA and the UK): consent or equivalent_measures (APPI Art. 28)`,
    });
  }
  if (profile.riskTierOverride && !profile.riskOverrideReason) {
    errors.push({ path: 'riskOverrideReason', message: 'is required when riskTierOverride is set' });
  }
  if (!profile.riskTierOverride) profile.riskOverrideReason = profile.riskOverrideReason ?? null;
  return { profile, errors };
}

/**
 * Re-consignment (再委託) rules for placing `childId` (null when new) with `categories`
 * under `parentId`: the parent exists, the chain stays acyclic and shallow, no agreement
 * of the parent in force prohibits re-consignment, and the child handles no data
 * category the parent does not (PPC General Guidelines §3-4-4: supervision reaches
 * sub-contractors through the contractor).
 */
export async function checkPlacement(deps: Deps, childId: string | null, parentId: string, categories: string[]) {
  const parent = await findContractor(deps.db, parentId);
  if (!parent)
    throw invalidFields([{ path: 'parentId', message: `contractor ${JSON.stringify(parentId)} does not exist` }]);
  const ancestors = await ancestorsOf(deps.db, parentId);
  if (childId !== null && (parentId === childId || ancestors.some((a) => a.id === childId))) {
    throw reconsignmentCycle();
  }
  // Contractors from the top of the chain down to the deepest one below the child.
  const below = childId === null ? 0 : Math.max(0, ...(await descendantsOf(deps.db, childId)).map((d) => d.depth));
  const depth = ancestors.length + 2 + below;
  if (depth > MAX_CHAIN_DEPTH + 1) throw chainTooDeep();
  const prohibiting = await prohibitingAgreements(deps.db, parentId, deps.clock.today());
  if (prohibiting.length > 0) {
    throw new ProblemError(
      409,
      'reconsignment-prohibited',
      `${parent.name}'s agreement "${prohibiting[0]?.title}" prohibits re-consignment.`,
      [{ path: 'parentId', message: 'the parent may not re-consign' }],
    );
  }
  const outside = categories.filter((c) => !parent.dataCategories.includes(c));
  if (outside.length > 0) {
    throw new ProblemError(
      409,
      'reconsignment-scope',
      `A sub-contractor can only handle data its parent handles; ${parent.name} does not handle: ${outside.join(', ')}.`,
      [{ path: 'dataCategories', message: `not handled by the parent: ${outside.join(', ')}` }],
    );
  }
}

/** A new contractor row from a checked profile: every new contractor starts proposed. */
export function newContractorRow(profile: Profile, id: string, now: string): ContractorRow {
  return {
    ...profile,
    ...derived(profile),
    id,
    status: 'proposed',
    nextReviewDue: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

function derived(profile: Profile) {
  const risk = assessRisk({ ...profile, isSubContractor: profile.parentId !== null });
  return {
    riskTier: profile.riskTierOverride ?? risk.tier,
    riskFactors: risk.factors,
    searchText: normalizeForSearch(`${profile.name} ${profile.nameKana ?? ''}`),
  };
}

/** A create body (API or CSV row) as a profile, before the registry's checks. */
export function profileFromInput(input: CreateContractorInput): Profile {
  return {
    name: input.name,
    nameKana: input.nameKana ?? null,
    corporateNumber: input.corporateNumber ?? null,
    country: input.country,
    contactName: input.contactName ?? null,
    contactEmail: input.contactEmail?.toLowerCase() ?? null,
    services: input.services ?? null,
    dataCategories: input.dataCategories,
    handlesSpecialCare: input.handlesSpecialCare,
    handlesPaymentData: input.handlesPaymentData,
    subjectCount: input.subjectCount,
    systemAccess: input.systemAccess,
    parentId: input.parentId ?? null,
    crossBorderBasis: input.crossBorderBasis ?? null,
    riskTierOverride: input.riskTierOverride ?? null,
    riskOverrideReason: input.riskOverrideReason ?? null,
  };
}

export async function createContractor(ctx: RequestContext, input: CreateContractorInput): Promise<ContractorView> {
  const { profile, errors } = checkProfile(profileFromInput(input));
  if (errors.length) throw invalidFields(errors);
  await checkCorporateNumberFree(ctx, profile.corporateNumber, null);
  if (profile.parentId) await checkPlacement(ctx, null, profile.parentId, profile.dataCategories);
  const row = newContractorRow(profile, newId(), ctx.clock.now().toISOString());
  const follow = await supervisionFollowUps(ctx, null, row);
  // Stored as the unit leaves it, so the event records what is committed.
  row.nextReviewDue = follow.nextReviewDue;
  const view = presentContractor(row, ctx);
  try {
    await writeAudited(
      ctx,
      [ctx.db.insert(contractors).values(row), ...follow.statements],
      [{ action: 'contractor.create', entityType: 'contractor', entityId: row.id, after: view }, ...follow.events],
    );
  } catch (err) {
    throw await asRegistryProblem(ctx, err, profile.corporateNumber, null);
  }
  return view;
}

export async function patchContractor(
  ctx: RequestContext,
  id: string,
  patch: PatchContractorInput,
  ifMatch: string | undefined,
): Promise<ContractorView> {
  const current = await findContractor(ctx.db, id);
  if (!current) throw notFound('Contractor', id);
  checkIfMatch(ifMatch, current.version);
  const merged: Profile = {
    name: patch.name ?? current.name,
    nameKana: patch.nameKana !== undefined ? patch.nameKana : current.nameKana,
    corporateNumber: patch.corporateNumber !== undefined ? patch.corporateNumber : current.corporateNumber,
    country: patch.country ?? current.country,
    contactName: patch.contactName !== undefined ? patch.contactName : current.contactName,
    contactEmail: patch.contactEmail !== undefined ? (patch.contactEmail?.toLowerCase() ?? null) : current.contactEmail,
    services: patch.services !== undefined ? patch.services : current.services,
    dataCategories: patch.dataCategories ?? current.dataCategories,
    handlesSpecialCare: patch.handlesSpecialCare ?? current.handlesSpecialCare,
    handlesPaymentData: patch.handlesPaymentData ?? current.handlesPaymentData,
    subjectCount: patch.subjectCount ?? current.subjectCount,
    systemAccess: patch.systemAccess ?? current.systemAccess,
    parentId: patch.parentId !== undefined ? patch.parentId : current.parentId,
    crossBorderBasis: patch.crossBorderBasis !== undefined ? patch.crossBorderBasis : current.crossBorderBasis,
    riskTierOverride: patch.riskTierOverride !== undefined ? patch.riskTierOverride : current.riskTierOverride,
    riskOverrideReason:
      patch.riskOverrideReason !== undefined
        ? patch.riskOverrideReason
        : patch.riskTierOverride === null
          ? null
          : current.riskOverrideReason,
  };
  const { profile, errors } = checkProfile(merged);
  if (errors.length) throw invalidFields(errors);
  if (profile.corporateNumber !== current.corporateNumber)
    await checkCorporateNumberFree(ctx, profile.corporateNumber, id);

  const categoriesChanged = profile.dataCategories.join() !== canonicalCategories(current.dataCategories).join();
  if (profile.parentId && (profile.parentId !== current.parentId || categoriesChanged)) {
    await checkPlacement(ctx, id, profile.parentId, profile.dataCategories);
  }
  if (categoriesChanged) {
    for (const child of await childrenOf(ctx.db, id)) {
      const outside = child.dataCategories.filter((c) => !profile.dataCategories.includes(c));
      if (outside.length) {
        throw new ProblemError(
          409,
          'reconsignment-scope',
          `Sub-contractor ${child.name} handles ${outside.join(', ')}, which this contractor would no longer handle.`,
          [{ path: 'dataCategories', message: `still handled by sub-contractor ${child.name}: ${outside.join(', ')}` }],
        );
      }
    }
  }

  const next: ContractorRow = {
    ...current,
    ...profile,
    ...derived(profile),
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  // next_review_due is kept by review changes (below and in the reviews module), never here.
  const { id: _id, createdAt: _c, nextReviewDue: _n, ...changes } = next;
  const follow = await supervisionFollowUps(ctx, current, next);
  next.nextReviewDue = follow.nextReviewDue;
  const before = presentContractor(current, ctx);
  const after = presentContractor(next, ctx);
  try {
    await writeAudited(
      ctx,
      [
        ctx.db
          .update(contractors)
          .set(changes)
          .where(sql`${contractors.id} = ${id} AND ${contractors.version} = ${current.version}`),
        expectOneChange(ctx.db),
        ...follow.statements,
        ...expectNextReviewDue(ctx.db, id, next.nextReviewDue),
      ],
      [{ action: 'contractor.update', entityType: 'contractor', entityId: id, before, after }, ...follow.events],
    );
  } catch (err) {
    if (isStaleWrite(err)) throw staleWrite();
    throw await asRegistryProblem(ctx, err, profile.corporateNumber, id);
  }
  return after;
}

const member = (r: ChainRow) => ({
  id: r.id,
  name: r.name,
  status: r.status,
  riskTier: r.risk_tier,
  parentId: r.parent_id,
  depth: r.depth,
});

export async function contractorChain(deps: Deps, id: string) {
  const row = await findContractor(deps.db, id);
  if (!row) throw notFound('Contractor', id);
  const [ancestors, descendants] = await Promise.all([ancestorsOf(deps.db, id), descendantsOf(deps.db, id)]);
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
