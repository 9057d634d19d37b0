import type { Entry } from '../message-entry';

/** Field messages of reviews, their checklist and the selection of contractors. */
export const reviewMessages = {} satisfies Record<string, Entry<never>>;
