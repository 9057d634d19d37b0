import type { ContractorRow } from '../../../db/schema';
import type { ServiceContext } from '../../platform/app-env';
import type { AuditInput } from '../../platform/audit/writer';
import { writeAudited } from '../../platform/audit/writer';
import { isStaleWrite, type Statement } from '../../platform/db';
import { ProblemError } from '../../platform/problem';
import { asRegistryProblem, registryConflictOf } from '../contractors/contractors.conflicts';
import { presentContractor } from '../contractors/contractors.present';
import { derived, newContractorRow } from '../contractors/contractors.profile';
import { insertContractor } from '../contractors/contractors.repo';
import { supervisionFollowUps } from '../reviews/reviews.automation';
import { decodeCsv } from './csv-text';
import { type ImportError, parseFile } from './imports.parse';
import { checkAgainstRegistry, nameKey } from './imports.registry';
import { NAMES_PER_GUARD, namesStillFree } from './imports.repo';

export { MAX_IMPORT_ROWS } from './imports.parse';

export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

export interface ImportResult {
  dryRun: boolean;
  encoding: 'utf-8' | 'shift_jis';
  rows: number;
  created: number;
  errors: ImportError[];
}

/** A row the import would create, as the preview shows it. */
export interface PreviewRow {
  row: number;
  name: string;
  corporateNumber: string | null;
  country: string;
  dataCategories: string[];
  parentName: string | null;
  riskTier: 'high' | 'medium' | 'low';
}

/** The file read and checked against every rule, nothing written. */
async function checkFile(ctx: ServiceContext, bytes: Uint8Array) {
  const { text, encoding } = decodeCsv(bytes);
  const errors: ImportError[] = [];
  const { rows, dataRows } = parseFile(text, errors);
  const order = rows ? await checkAgainstRegistry(ctx, rows, errors) : [];
  errors.sort((a, b) => a.row - b.row);
  return { encoding, dataRows, rows: rows ?? [], order, errors };
}

/**
 * The dry run with what it would create: every row that passed, in file order, with the
 * risk tier it would get (a parent named in the file or the registry counts).
 */
export async function previewImport(
  ctx: ServiceContext,
  bytes: Uint8Array,
): Promise<ImportResult & { contractors: PreviewRow[] }> {
  const { encoding, dataRows, order, errors } = await checkFile(ctx, bytes);
  const created = errors.length ? 0 : order.length;
  const contractors = [...order]
    .sort((a, b) => a.row - b.row)
    .map((p) => ({
      row: p.row,
      name: p.profile.name,
      corporateNumber: p.profile.corporateNumber,
      country: p.profile.country,
      dataCategories: p.profile.dataCategories,
      parentName: p.parentName,
      riskTier: derived(p.profile).riskTier,
    }));
  return { dryRun: true, encoding, rows: dataRows, created, errors, contractors };
}

/**
 * Imports contractors from a CSV file: every row is checked with the same rules as the
 * API, every error is reported as {row, field, message}, and the rows are written all
 * together in one unit, each audited, or not at all. `parentName` may name another row of
 * the file or an existing contractor.
 */
export async function importContractors(
  ctx: ServiceContext,
  bytes: Uint8Array,
  dryRun: boolean,
): Promise<ImportResult> {
  const { encoding, dataRows, rows, order, errors } = await checkFile(ctx, bytes);
  const result = (created: number): ImportResult => ({ dryRun, encoding, rows: dataRows, created, errors });
  if (errors.length) return result(0);
  if (dryRun) return result(order.length);

  // Rows without a corporate number are told apart by name only: the unit first checks
  // that none of those names was registered since the checks above.
  const names = [...new Set(order.filter((p) => !p.profile.corporateNumber).map((p) => nameKey(p.profile.name)))];
  const statements: Statement[] = [];
  for (let i = 0; i < names.length; i += NAMES_PER_GUARD) {
    statements.push(namesStillFree(ctx.db, names.slice(i, i + NAMES_PER_GUARD)));
  }
  // Parents are inserted before their children: the unit respects the foreign key.
  const now = ctx.clock.now().toISOString();
  const events: AuditInput[] = [];
  for (const p of order) {
    const row: ContractorRow = newContractorRow(p.profile, p.id, now);
    const follow = await supervisionFollowUps(ctx, null, row);
    // Stored as the unit leaves it, so the event records what is committed.
    row.nextReviewDue = follow.nextReviewDue;
    statements.push(insertContractor(ctx.db, row), ...follow.statements);
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
    if (!registryConflictOf(err) && !isStaleWrite(err)) throw err;
    // A concurrent write registered one of the corporate numbers or names, or moved a
    // parent, since the checks, and the database refused the unit: nothing was imported.
    // Checked again against what is committed now, the file's rows name the cause.
    const fresh = rows.map((r) => ({ ...r, profile: { ...r.profile, parentId: null } }));
    await checkAgainstRegistry(ctx, fresh, errors);
    if (!errors.length) {
      const problem = await asRegistryProblem(ctx, err, null, null);
      throw problem === err ? registryChanged() : problem;
    }
    errors.sort((a, b) => a.row - b.row);
    return result(0);
  }
  return result(order.length);
}

const registryChanged = () =>
  new ProblemError(409, 'conflict', 'The registry changed during the import; nothing was imported. Try again.');
