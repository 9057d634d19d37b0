import { v7 as uuidv7 } from 'uuid';

/** Opaque, time-ordered ids: new rows sort after old ones, which keeps keyset pages stable. */
export const newId = (): string => uuidv7();

/**
 * The first 12 of an alert's 32 hex digits: the run's time in milliseconds, as in a UUIDv7,
 * so that a run's new alerts sit side by side at the end of the primary-key index instead
 * of all over it (a daily run then changes a few pages of it, not one per alert); the other
 * 20 digits are random.
 */
export const alertIdPrefix = (now: Date): string => now.getTime().toString(16).padStart(12, '0').slice(-12);
