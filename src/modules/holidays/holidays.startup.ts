import { holidayDataWarning } from '../../domain/japanese-holidays';
import type { AppDeps } from '../../platform/app-env';
import { latestOpenDeadline } from '../incidents/incidents.repo';

let warned = false;

/**
 * Once per process (or isolate): says so when the national holiday data is about to end,
 * or an open deadline already lies past it, where holidays are no longer known and a
 * deadline could land on one. The fix is a package update or extra closed days.
 */
export async function warnAboutHolidayData(deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>): Promise<void> {
  if (warned) return;
  const latest = await latestOpenDeadline(deps.db);
  const warning = holidayDataWarning(deps.clock.today(), latest ? [latest] : []);
  if (!warning) return;
  warned = true;
  deps.logger.warn(warning);
}
