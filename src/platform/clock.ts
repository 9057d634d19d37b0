import { civilDate } from '../domain/calendar';

/** Time is injected so that tests can fix it; `today()` is the organisation's civil date. */
export interface Clock {
  now(): Date;
  today(): string;
}

export function systemClock(timeZone: string): Clock {
  return {
    now: () => new Date(),
    today: () => civilDate(new Date(), timeZone),
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
