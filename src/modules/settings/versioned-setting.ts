import type { ServiceContext } from '../../platform/app-env';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import type { Db } from '../../platform/db';
import { findSettingRow, settingWrite } from './selection-criteria.repo';

/** A setting as read: its value, the version If-Match names (0 while the default applies), who changed it. */
export type SettingView<T> = T & { version: number; updatedAt: string | null; updatedBy: string | null };

/**
 * One organisation setting kept as versioned JSON under `key`: read with its default,
 * changed only over the version read (412 otherwise) and audited as `action`.
 */
export function versionedSetting<T extends Record<string, unknown>>(key: string, action: string, defaults: T) {
  async function read(db: Db): Promise<SettingView<T>> {
    const row = await findSettingRow(db, key);
    if (!row) return { ...defaults, version: 0, updatedAt: null, updatedBy: null };
    const { version, updatedBy, ...value } = JSON.parse(row.value) as T & { version: number; updatedBy: string };
    return { ...defaults, ...(value as unknown as T), version, updatedAt: row.updatedAt, updatedBy };
  }

  async function update(ctx: ServiceContext, value: T, ifMatch: string | undefined): Promise<SettingView<T>> {
    const current = await read(ctx.db);
    checkIfMatch(ifMatch, current.version);
    const at = ctx.clock.now().toISOString();
    const next: SettingView<T> = { ...value, version: current.version + 1, updatedAt: at, updatedBy: ctx.actor.id };
    const stored = JSON.stringify({ ...value, version: next.version, updatedBy: ctx.actor.id });
    await commitVersioned(ctx, settingWrite(ctx.db, key, stored, at, current.version), [
      { action, entityType: 'setting', entityId: key, before: current, after: next },
    ]);
    return next;
  }

  return { key, read, update };
}
