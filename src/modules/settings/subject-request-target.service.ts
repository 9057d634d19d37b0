import { DEFAULT_TARGET_DAYS } from '../../domain/subject-requests';
import type { ServiceContext } from '../../platform/app-env';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import type { Db } from '../../platform/db';
import { findSettingRow, settingWrite } from './selection-criteria.repo';
import type { PatchSubjectRequestTargetInput } from './subject-request-target.schemas';

/** The settings key the internal target for subject requests is kept under. */
export const SUBJECT_REQUEST_TARGET_KEY = 'subject-request-target';

export interface SubjectRequestTargetView {
  targetDays: number;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

interface Stored {
  targetDays: number;
  version: number;
  updatedBy: string;
}

/** The internal target in force: what was saved, else 14 days. */
export async function readSubjectRequestTarget(db: Db): Promise<SubjectRequestTargetView> {
  const row = await findSettingRow(db, SUBJECT_REQUEST_TARGET_KEY);
  if (!row) return { targetDays: DEFAULT_TARGET_DAYS, version: 0, updatedAt: null, updatedBy: null };
  const stored = JSON.parse(row.value) as Stored;
  return {
    targetDays: stored.targetDays,
    version: stored.version,
    updatedAt: row.updatedAt,
    updatedBy: stored.updatedBy,
  };
}

export const getSubjectRequestTarget = (ctx: ServiceContext) => readSubjectRequestTarget(ctx.db);

/** Changes the target over the version read (412 when someone saved first); audited. */
export async function updateSubjectRequestTarget(
  ctx: ServiceContext,
  input: PatchSubjectRequestTargetInput,
  ifMatch: string | undefined,
): Promise<SubjectRequestTargetView> {
  const current = await readSubjectRequestTarget(ctx.db);
  checkIfMatch(ifMatch, current.version);
  const next: SubjectRequestTargetView = {
    targetDays: input.targetDays,
    version: current.version + 1,
    updatedAt: ctx.clock.now().toISOString(),
    updatedBy: ctx.actor.id,
  };
  const stored: Stored = { targetDays: next.targetDays, version: next.version, updatedBy: ctx.actor.id };
  await commitVersioned(
    ctx,
    settingWrite(ctx.db, SUBJECT_REQUEST_TARGET_KEY, JSON.stringify(stored), next.updatedAt as string, current.version),
    [
      {
        action: 'subject_request_target.update',
        entityType: 'setting',
        entityId: SUBJECT_REQUEST_TARGET_KEY,
        before: current,
        after: next,
      },
    ],
  );
  return next;
}
