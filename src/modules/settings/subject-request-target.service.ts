import { DEFAULT_TARGET_DAYS } from '../../domain/subject-requests';
import type { ServiceContext } from '../../platform/app-env';
import type { Db } from '../../platform/db';
import type { PatchSubjectRequestTargetInput } from './subject-request-target.schemas';
import { type SettingView, versionedSetting } from './versioned-setting';

/** The internal target for answering subject requests: 14 days until changed. */
const target = versionedSetting('subject-request-target', 'subject_request_target.update', {
  targetDays: DEFAULT_TARGET_DAYS,
});

/** The settings key the internal target for subject requests is kept under. */
export const SUBJECT_REQUEST_TARGET_KEY = target.key;

export type SubjectRequestTargetView = SettingView<{ targetDays: number }>;

/** The internal target in force: what was saved, else 14 days. */
export const readSubjectRequestTarget = (db: Db): Promise<SubjectRequestTargetView> => target.read(db);

export const getSubjectRequestTarget = (ctx: ServiceContext) => target.read(ctx.db);

/** Changes the target over the version read (412 when someone saved first); audited. */
export const updateSubjectRequestTarget = (
  ctx: ServiceContext,
  input: PatchSubjectRequestTargetInput,
  ifMatch: string | undefined,
): Promise<SubjectRequestTargetView> => target.update(ctx, { targetDays: input.targetDays }, ifMatch);
