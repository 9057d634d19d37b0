import { civilDate } from '../domain/calendar';

/** Time is injected so that tests can fix it; `today()` is the organisation's civil date. */
export interface Clock {
  now(): Date;
  today(): string;
}

export function systemClock(timeZone: string): Clock {
  // The date in the zone can only change on a whole minute of UTC (every zone's offset has
  // been a whole number of minutes since 1972), so it is formatted (Intl) once a minute.
  let minute = Number.NaN;
  let date = '';
  return {
    now: () => new Date(),
    today: () => {
      const now = Date.now();
      const current = Math.floor(now / 60_000);
      if (current !== minute) {
        date = civilDate(new Date(now), timeZone);
        minute = current;
      }
      return date;
    },
  };
}

/** A clock that stands still until moved; for tests and benchmarks. */
export class FixedClock implements Clock {
  private current: Date;
  constructor(
    iso: string,
    private readonly timeZone = 'Asia/Tokyo',
  ) {
    this.current = new Date(iso);
  }
  now(): Date {
    return new Date(this.current);
  }
  today(): string {
    return civilDate(this.current, this.timeZone);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}
