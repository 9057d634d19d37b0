import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/platform/clock';

afterEach(() => vi.useRealTimers());

describe('the system clock', () => {
  it('tells the civil date in the organisation’s zone, also right after it changes', () => {
    vi.useFakeTimers();
    const clock = systemClock('Asia/Tokyo');
    vi.setSystemTime(new Date('2026-12-01T14:59:59.000Z')); // 23:59:59 in Tokyo
    expect(clock.today()).toBe('2026-12-01');
    vi.setSystemTime(new Date('2026-12-01T15:00:00.000Z')); // midnight in Tokyo
    expect(clock.today()).toBe('2026-12-02');
    vi.setSystemTime(new Date('2026-12-01T14:59:30.000Z')); // the clock set back
    expect(clock.today()).toBe('2026-12-01');
    const kathmandu = systemClock('Asia/Kathmandu'); // UTC+05:45
    vi.setSystemTime(new Date('2026-12-01T18:14:59.000Z'));
    expect(kathmandu.today()).toBe('2026-12-01');
    vi.setSystemTime(new Date('2026-12-01T18:15:00.000Z'));
    expect(kathmandu.today()).toBe('2026-12-02');
  });
});
