import type { Entry } from '../message-entry';

/** Field messages of contractors. */
export const contractorMessages = {} satisfies Record<string, Entry<never>>;
