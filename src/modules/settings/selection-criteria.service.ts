import { defaultCriteria, type SelectionCriteria } from '../../domain/selection';
import type { ServiceContext } from '../../platform/app-env';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import type { Db } from '../../platform/db';
import { findSettingRow, SELECTION_CRITERIA_KEY, settingWrite } from './selection-criteria.repo';
import type { PatchSelectionCriteriaInput } from './selection-criteria.schemas';

export interface SelectionCriteriaView {
  checklist: SelectionCriteria;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

interface Stored {
  checklist: Partial<SelectionCriteria>;
  version: number;
  updatedBy: string;
}

/**
 * The company's selection criteria (選定基準): what it has saved over the defaults. A
 * category added after they were saved takes its default.
 */
export async function readSelectionCriteria(db: Db): Promise<SelectionCriteriaView> {
  const row = await findSettingRow(db, SELECTION_CRITERIA_KEY);
  if (!row) return { checklist: { ...defaultCriteria }, version: 0, updatedAt: null, updatedBy: null };
  const stored = JSON.parse(row.value) as Stored;
  return {
    checklist: { ...defaultCriteria, ...stored.checklist },
    version: stored.version,
    updatedAt: row.updatedAt,
    updatedBy: stored.updatedBy,
  };
}

export const getSelectionCriteria = (ctx: ServiceContext) => readSelectionCriteria(ctx.db);

/** Changes the categories sent, over the version read (412 when someone saved first); audited. */
export async function updateSelectionCriteria(
  ctx: ServiceContext,
  input: PatchSelectionCriteriaInput,
  ifMatch: string | undefined,
): Promise<SelectionCriteriaView> {
  const current = await readSelectionCriteria(ctx.db);
  checkIfMatch(ifMatch, current.version);
  const sent = Object.fromEntries(Object.entries(input.checklist).filter(([, v]) => v !== undefined));
  const next: SelectionCriteriaView = {
    checklist: { ...current.checklist, ...sent },
    version: current.version + 1,
    updatedAt: ctx.clock.now().toISOString(),
    updatedBy: ctx.actor.id,
  };
  const stored: Stored = { checklist: next.checklist, version: next.version, updatedBy: ctx.actor.id };
  await commitVersioned(
    ctx,
    settingWrite(ctx.db, SELECTION_CRITERIA_KEY, JSON.stringify(stored), next.updatedAt as string, current.version),
    [
      {
        action: 'selection_criteria.update',
        entityType: 'setting',
        entityId: SELECTION_CRITERIA_KEY,
        before: current,
        after: next,
      },
    ],
  );
  return next;
}
