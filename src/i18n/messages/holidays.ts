import type { Entry } from '../message-entry';

/** Field messages of holidays. */
export const holidayMessages = {} satisfies Record<string, Entry<never>>;
