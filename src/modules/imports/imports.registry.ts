import type { ServiceContext } from '../../platform/app-env';
import { newId } from '../../platform/ids';
import { ProblemError, rowError } from '../../platform/problem';
import { checkPlacement, MAX_CHAIN_DEPTH } from '../contractors/contractors.conflicts';
import {
  ancestorsOf,
  contractorIdsNamed,
  contractorsNamed,
  contractorsNumbered,
} from '../contractors/contractors.repo';
import type { ImportError, Parsed } from './imports.parse';

/** How a name is compared: as people type it (full-width letters, stray spaces). */
export const nameKey = (name: string) => name.normalize('NFKC').trim();

/** The rules that depend on the registry: duplicates, then parents; rows in insertion order. */
export async function checkAgainstRegistry(ctx: ServiceContext, rows: Parsed[], errors: ImportError[]) {
  await checkDuplicates(ctx, rows, errors);
  return resolveParents(ctx, rows, errors);
}

/** A corporate number registers one company once, in the file and in the registry. */
async function checkDuplicates(ctx: ServiceContext, rows: Parsed[], errors: ImportError[]) {
  const byNumber = new Map<string, number>();
  for (const r of rows) {
    const n = r.profile.corporateNumber;
    if (!n) continue;
    const first = byNumber.get(n);
    if (first !== undefined) errors.push(rowError(r.row, 'corporateNumber', 'sameAsRow', { row: first }));
    else byNumber.set(n, r.row);
  }
  // Without a corporate number the name identifies the company: importing the same file
  // twice must not register everyone twice.
  const unnumbered = new Map(
    rows.filter((r) => !r.profile.corporateNumber).map((r) => [nameKey(r.profile.name), r.row]),
  );
  const names = [...unnumbered.keys()];
  for (let i = 0; i < names.length; i += 90) {
    const existing = await contractorsNamed(ctx.db, names.slice(i, i + 90));
    for (const e of existing) {
      const row = unnumbered.get(nameKey(e.name));
      if (row !== undefined) errors.push(rowError(row, 'name', 'nameRegistered'));
    }
  }
  const numbers = [...byNumber.keys()];
  for (let i = 0; i < numbers.length; i += 90) {
    const existing = await contractorsNumbered(ctx.db, numbers.slice(i, i + 90));
    for (const e of existing) {
      const row = byNumber.get(e.corporateNumber ?? '');
      if (row !== undefined) {
        errors.push(rowError(row, 'corporateNumber', 'alreadyRegisteredAs', { name: e.name }));
      }
    }
  }
}

/**
 * Resolves `parentName` to a row of the file or an existing contractor, applies the
 * re-consignment rules (scope, prohibition, depth, no cycles), and returns the rows in an
 * order where every parent comes before its children.
 */
async function resolveParents(
  ctx: ServiceContext,
  rows: Parsed[],
  errors: ImportError[],
): Promise<(Parsed & { id: string })[]> {
  const withIds = rows.map((r) => ({ ...r, id: newId() }));
  const inFile = new Map<string, (typeof withIds)[number][]>();
  for (const r of withIds) inFile.set(nameKey(r.profile.name), [...(inFile.get(nameKey(r.profile.name)) ?? []), r]);
  const parentOf = new Map<string, (typeof withIds)[number]>();
  const existingDepth = new Map<string, number>();

  for (const r of withIds) {
    if (!r.parentName) continue;
    const candidates = inFile.get(nameKey(r.parentName)) ?? [];
    if (candidates.length > 1) {
      errors.push(rowError(r.row, 'parentName', 'parentNameInFile', { count: candidates.length }));
      continue;
    }
    const local = candidates[0];
    if (local) {
      if (local === r) {
        errors.push(rowError(r.row, 'parentName', 'ownParent'));
        continue;
      }
      const outside = r.profile.dataCategories.filter((c) => !local.profile.dataCategories.includes(c));
      if (outside.length) {
        errors.push(
          rowError(r.row, 'dataCategories', 'notHandledByParentRow', {
            row: local.row,
            categories: outside.join(', '),
          }),
        );
        continue;
      }
      // My Number data is re-consigned only with the original consignor's permission (番号法10条),
      // which a file does not carry: such a sub-contractor is registered in the form.
      if (r.profile.dataCategories.includes('my_number') && !r.profile.myNumberPermission) {
        errors.push(rowError(r.row, 'dataCategories', 'myNumberPermissionRequired'));
        continue;
      }
      parentOf.set(r.id, local);
      r.profile.parentId = local.id;
      continue;
    }
    const existing = await contractorIdsNamed(ctx.db, r.parentName.trim());
    if (existing.length !== 1) {
      errors.push(rowError(r.row, 'parentName', existing.length ? 'parentNameAmbiguous' : 'parentNameUnknown'));
      continue;
    }
    const parentId = existing[0] ?? '';
    try {
      await checkPlacement(ctx, null, parentId, r.profile.dataCategories);
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      const first = err.errors?.[0];
      errors.push({
        row: r.row,
        field: first?.path === 'dataCategories' ? 'dataCategories' : 'parentName',
        message: err.detail,
        ...(first?.code ? { code: first.code } : {}),
        ...(first?.params ? { params: first.params } : {}),
      });
      continue;
    }
    r.profile.parentId = parentId;
    existingDepth.set(r.id, (await ancestorsOf(ctx.db, parentId)).length + 1);
  }

  // Depth first from the rows without an in-file parent; anything left is in a cycle.
  const children = new Map<string, (typeof withIds)[number][]>();
  for (const [childId, parent] of parentOf) {
    const child = withIds.find((w) => w.id === childId);
    if (child) children.set(parent.id, [...(children.get(parent.id) ?? []), child]);
  }
  const order: (typeof withIds)[number][] = [];
  const depthOf = new Map<string, number>();
  const visit = (r: (typeof withIds)[number], depth: number) => {
    order.push(r);
    depthOf.set(r.id, depth);
    if (depth > MAX_CHAIN_DEPTH) {
      errors.push(rowError(r.row, 'parentName', 'chainLevels', { max: MAX_CHAIN_DEPTH }));
    }
    for (const c of children.get(r.id) ?? []) visit(c, depth + 1);
  };
  for (const r of withIds) if (!parentOf.has(r.id)) visit(r, existingDepth.get(r.id) ?? 0);
  for (const r of withIds) {
    if (!depthOf.has(r.id)) errors.push(rowError(r.row, 'parentName', 'parentCycle'));
  }
  return order;
}
