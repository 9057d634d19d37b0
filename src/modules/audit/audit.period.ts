/**
 * A period of civil dates in the organisation's zone (ITAKU_TIMEZONE) as the instants the
 * audit trail stores (RFC 3339 UTC): a reader asking for "1 April" means 1 April where
 * they are, not in UTC.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** How far the zone's wall clock is ahead of UTC at this instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The first instant of a civil date in the zone. Computed twice: the offset at UTC midnight
 * may differ from the one at local midnight when a DST change falls in between.
 */
export function startOfDay(date: string, timeZone: string): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const midnight = Date.UTC(y, m - 1, d);
  let instant = midnight - offsetAt(midnight, timeZone);
  instant = midnight - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The day after a civil date (`YYYY-MM-DD`). */
const nextDay = (date: string): string => {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/** `from` and `to` (both included) as `[since, until)` instants; either may be open. */
export function periodBounds(
  period: { from?: string; to?: string },
  timeZone: string,
): { since?: string; until?: string } {
  return {
    since: period.from ? startOfDay(period.from, timeZone) : undefined,
    until: period.to ? startOfDay(nextDay(period.to), timeZone) : undefined,
  };
}
