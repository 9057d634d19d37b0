/**
 * Retry schedule after a failed attempt: 1 min, 5 min, 30 min, 2 h, 6 h, 16 h. Seven
 * attempts over about a day (24.6 h); after the last one the message is marked failed and
 * stays visible with every attempt recorded.
 */
export const RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 57_600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When to try again after `attempts` failed attempts, or null when it is time to give up. */
export function nextAttemptAfter(attempts: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}
