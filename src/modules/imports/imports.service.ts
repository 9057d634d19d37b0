import { eq, inArray } from 'drizzle-orm';
import Papa from 'papaparse';
import { type ContractorRow, contractors } from '../../../db/schema';
import type { RequestContext } from '../../platform/app-env';
import type { AuditInput } from '../../platform/audit/writer';
import { writeAudited } from '../../platform/audit/writer';
import type { Statement } from '../../platform/db';
import { newId } from '../../platform/ids';
import { ProblemError } from '../../platform/problem';
import { asRegistryProblem, registryConflictOf } from '../contractors/contractors.conflicts';
import { ancestorsOf } from '../contractors/contractors.repo';
import { CreateContractorSchema } from '../contractors/contractors.schemas';
import {
  checkPlacement,
  checkProfile,
  MAX_CHAIN_DEPTH,
  newContractorRow,
  type Profile,
  presentContractor,
  profileFromInput,
} from '../contractors/contractors.service';
import { supervisionFollowUps } from '../reviews/reviews.automation';
import { fieldForHeader, parseBoolean, parseCategories, parseCount, parseEnum } from './contractor-columns';
import { decodeCsv, unprotectCell } from './csv-text';

export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

export interface ImportError {
  row: number;
  field: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  encoding: 'utf-8' | 'shift_jis';
  rows: number;
  created: number;
  errors: ImportError[];
}

interface Parsed {
  row: number;
  profile: Profile;
  parentName: string | null;
}

const nameKey = (name: string) => name.normalize('NFKC').trim();

/** One data row → the API's create body, with values as people type them in Excel. */
function toBody(record: Record<string, string>) {
  const body: Record<string, unknown> = {};
  for (const [field, raw] of Object.entries(record)) {
    const value = unprotectCell(raw).trim();
    switch (field) {
      case 'dataCategories':
        body[field] = parseCategories(value);
        break;
      case 'handlesSpecialCare':
      case 'handlesPaymentData':
      case 'systemAccess':
        body[field] = parseBoolean(value) ?? value;
        break;
      case 'subjectCount':
        if (value !== '') body[field] = parseCount(value);
        break;
      case 'crossBorderBasis':
      case 'riskTierOverride':
        body[field] = value === '' ? null : parseEnum(value);
        break;
      case 'country':
        if (value !== '') body[field] = value.normalize('NFKC').toUpperCase();
        break;
      case 'corporateNumber':
      case 'nameKana':
      case 'contactName':
      case 'contactEmail':
      case 'services':
      case 'riskOverrideReason':
        body[field] = value === '' ? null : value;
        break;
      default:
        body[field] = value;
    }
  }
  return body;
}

/**
 * Imports contractors from a CSV file: every row is checked with the same rules as the
 * API, every error is reported as {row, field, message}, and the rows are written all
 * together in one unit, each audited, or not at all. `parentName` may name another row of
 * the file or an existing contractor.
 */
export async function importContractors(
  ctx: RequestContext,
  bytes: Uint8Array,
  dryRun: boolean,
): Promise<ImportResult> {
  const { text, encoding } = decodeCsv(bytes);
  const errors: ImportError[] = [];
  const result = (created: number, rows: number): ImportResult => ({ dryRun, encoding, rows, created, errors });

  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimiter: ',' });
  for (const e of parsed.errors) {
    errors.push({ row: Math.max(0, e.row ?? 0), field: '(file)', message: e.message });
  }
  const [header, ...data] = parsed.data;
  if (!header) {
    errors.push({ row: 0, field: '(file)', message: 'the file is empty: it needs a header row' });
    return result(0, 0);
  }
  if (data.length > MAX_IMPORT_ROWS) {
    errors.push({ row: 0, field: '(file)', message: `at most ${MAX_IMPORT_ROWS} rows per file` });
    return result(0, data.length);
  }
  const fields: (string | null)[] = header.map((h) => {
    const f = fieldForHeader(h);
    if (f === undefined && h.trim() !== '') errors.push({ row: 0, field: h, message: 'is not a contractor column' });
    return f ?? null;
  });
  for (const required of ['name', 'dataCategories']) {
    if (!fields.includes(required)) errors.push({ row: 0, field: required, message: 'column is required' });
  }
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (f && seen.has(f)) errors.push({ row: 0, field: header[i] ?? f, message: 'column appears twice' });
    if (f) seen.add(f);
  });
  if (errors.length) return result(0, data.length);

  // Row shape and the registry's field rules, exactly as for POST /contractors.
  const rows: Parsed[] = [];
  data.forEach((cells, index) => {
    const row = index + 1;
    if (cells.length !== header.length) {
      errors.push({ row, field: '(row)', message: `has ${cells.length} cells; the header has ${header.length}` });
      return;
    }
    const record: Record<string, string> = {};
    fields.forEach((f, i) => {
      if (f) record[f] = cells[i] ?? '';
    });
    const { parentName = '', ...body } = toBody(record) as Record<string, unknown> & { parentName?: string };
    const shape = CreateContractorSchema.safeParse(body);
    if (!shape.success) {
      for (const issue of shape.error.issues) {
        errors.push({ row, field: String(issue.path[0] ?? '(row)'), message: issue.message });
      }
      return;
    }
    const input = shape.data;
    const checked = checkProfile(profileFromInput({ ...input, parentId: null }));
    for (const e of checked.errors) errors.push({ row, field: e.path, message: e.message });
    if (!checked.errors.length) rows.push({ row, profile: checked.profile, parentName: String(parentName) || null });
  });

  const order = await checkAgainstRegistry(ctx, rows, errors);
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    return result(0, data.length);
  }
  if (dryRun) return result(rows.length, data.length);

  // Parents are inserted before their children: the unit respects the foreign key.
  const now = ctx.clock.now().toISOString();
  const statements: Statement[] = [];
  const events: AuditInput[] = [];
  for (const p of order) {
    const row: ContractorRow = newContractorRow(p.profile, p.id, now);
    const follow = await supervisionFollowUps(ctx, null, row);
    // Stored as the unit leaves it, so the event records what is committed.
    row.nextReviewDue = follow.nextReviewDue;
    statements.push(ctx.db.insert(contractors).values(row), ...follow.statements);
    events.push({
      action: 'contractor.import',
      entityType: 'contractor',
      entityId: row.id,
      after: { ...presentContractor(row, ctx), sourceRow: p.row },
    });
    events.push(...follow.events);
  }
  try {
    await writeAudited(ctx, statements, events);
  } catch (err) {
    if (!registryConflictOf(err)) throw err;
    // A concurrent write registered one of the corporate numbers or moved a parent since
    // the checks, and the database refused the unit: nothing was imported. Checked again
    // against what is committed now, the file's rows name the cause.
    const fresh = rows.map((r) => ({ ...r, profile: { ...r.profile, parentId: null } }));
    await checkAgainstRegistry(ctx, fresh, errors);
    if (!errors.length) throw await asRegistryProblem(ctx, err, null, null);
    errors.sort((a, b) => a.row - b.row);
    return result(0, data.length);
  }
  return result(order.length, data.length);
}

/** The rules that depend on the registry: duplicates, then parents; rows in insertion order. */
async function checkAgainstRegistry(ctx: RequestContext, rows: Parsed[], errors: ImportError[]) {
  await checkDuplicates(ctx, rows, errors);
  return resolveParents(ctx, rows, errors);
}

/** A corporate number registers one company once, in the file and in the registry. */
async function checkDuplicates(ctx: RequestContext, rows: Parsed[], errors: ImportError[]) {
  const byNumber = new Map<string, number>();
  for (const r of rows) {
    const n = r.profile.corporateNumber;
    if (!n) continue;
    const first = byNumber.get(n);
    if (first !== undefined) errors.push({ row: r.row, field: 'corporateNumber', message: `same as row ${first}` });
    else byNumber.set(n, r.row);
  }
  // Without a corporate number the name identifies the company: importing the same file
  // twice must not register everyone twice.
  const unnumbered = new Map(
    rows.filter((r) => !r.profile.corporateNumber).map((r) => [nameKey(r.profile.name), r.row]),
  );
  const names = [...unnumbered.keys()];
  for (let i = 0; i < names.length; i += 90) {
    const existing = await ctx.db
      .select({ name: contractors.name })
      .from(contractors)
      .where(inArray(contractors.name, names.slice(i, i + 90)))
      .all();
    for (const e of existing) {
      const row = unnumbered.get(nameKey(e.name));
      if (row !== undefined)
        errors.push({ row, field: 'name', message: 'a contractor with this name is already registered' });
    }
  }
  const numbers = [...byNumber.keys()];
  for (let i = 0; i < numbers.length; i += 90) {
    const existing = await ctx.db
      .select({ name: contractors.name, corporateNumber: contractors.corporateNumber })
      .from(contractors)
      .where(inArray(contractors.corporateNumber, numbers.slice(i, i + 90)))
      .all();
    for (const e of existing) {
      const row = byNumber.get(e.corporateNumber ?? '');
      if (row !== undefined) {
        errors.push({ row, field: 'corporateNumber', message: `already registered as ${e.name}` });
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
  ctx: RequestContext,
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
      errors.push({ row: r.row, field: 'parentName', message: `${candidates.length} rows of the file have this name` });
      continue;
    }
    const local = candidates[0];
    if (local) {
      if (local === r) {
        errors.push({ row: r.row, field: 'parentName', message: 'a contractor cannot be its own parent' });
        continue;
      }
      const outside = r.profile.dataCategories.filter((c) => !local.profile.dataCategories.includes(c));
      if (outside.length) {
        errors.push({
          row: r.row,
          field: 'dataCategories',
          message: `not handled by the parent (row ${local.row}): ${outside.join(', ')}`,
        });
        continue;
      }
      parentOf.set(r.id, local);
      r.profile.parentId = local.id;
      continue;
    }
    const existing = await ctx.db
      .select({ id: contractors.id })
      .from(contractors)
      .where(eq(contractors.name, r.parentName.trim()))
      .limit(2)
      .all();
    if (existing.length !== 1) {
      errors.push({
        row: r.row,
        field: 'parentName',
        message: existing.length
          ? 'more than one registered contractor has this name'
          : 'names neither a row of this file nor a registered contractor',
      });
      continue;
    }
    const parentId = existing[0]?.id ?? '';
    try {
      await checkPlacement(ctx, null, parentId, r.profile.dataCategories);
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      errors.push({
        row: r.row,
        field: err.errors?.[0]?.path === 'dataCategories' ? 'dataCategories' : 'parentName',
        message: err.detail,
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
      errors.push({
        row: r.row,
        field: 'parentName',
        message: `re-consignment chains may have at most ${MAX_CHAIN_DEPTH} levels`,
      });
    }
    for (const c of children.get(r.id) ?? []) visit(c, depth + 1);
  };
  for (const r of withIds) if (!parentOf.has(r.id)) visit(r, existingDepth.get(r.id) ?? 0);
  for (const r of withIds) {
    if (!depthOf.has(r.id))
      errors.push({ row: r.row, field: 'parentName', message: 'the parents in this file form a cycle' });
  }
  return order;
}
