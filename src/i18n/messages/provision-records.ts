import type { Entry } from '../message-entry';

/** Field messages of provision records. */
export const provisionRecordMessages = {} satisfies Record<string, Entry<never>>;
