import type { ContractorRow } from '../../../db/schema';
import type { ServiceContext } from '../../platform/app-env';
import type { AuditInput } from '../../platform/audit/writer';
import { writeAudited } from '../../platform/audit/writer';
import type { Statement } from '../../platform/db';
import { asRegistryProblem, registryConflictOf } from '../contractors/contractors.conflicts';
import { presentContractor } from '../contractors/contractors.present';
import { newContractorRow } from '../contractors/contractors.profile';
import { insertContractor } from '../contractors/contractors.repo';
import { supervisionFollowUps } from '../reviews/reviews.automation';
import { decodeCsv } from './csv-text';
import { type ImportError, parseFile } from './imports.parse';
import { checkAgainstRegistry } from './imports.registry';

export { MAX_IMPORT_ROWS } from './imports.parse';

export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

export interface ImportResult {
  dryRun: boolean;
  encoding: 'utf-8' | 'shift_jis';
  rows: number;
  created: number;
  errors: ImportError[];
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
  const { text, encoding } = decodeCsv(bytes);
  const errors: ImportError[] = [];
  const result = (created: number, rows: number): ImportResult => ({ dryRun, encoding, rows, created, errors });

  const { rows, dataRows } = parseFile(text, errors);
  if (!rows) return result(0, dataRows);

  const order = await checkAgainstRegistry(ctx, rows, errors);
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    return result(0, dataRows);
  }
  if (dryRun) return result(rows.length, dataRows);

  // Parents are inserted before their children: the unit respects the foreign key.
  const now = ctx.clock.now().toISOString();
  const statements: Statement[] = [];
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
    if (!registryConflictOf(err)) throw err;
    // A concurrent write registered one of the corporate numbers or moved a parent since
    // the checks, and the database refused the unit: nothing was imported. Checked again
    // against what is committed now, the file's rows name the cause.
    const fresh = rows.map((r) => ({ ...r, profile: { ...r.profile, parentId: null } }));
    await checkAgainstRegistry(ctx, fresh, errors);
    if (!errors.length) throw await asRegistryProblem(ctx, err, null, null);
    errors.sort((a, b) => a.row - b.row);
    return result(0, dataRows);
  }
  return result(order.length, dataRows);
}
