import type { Entry } from '../message-entry';

/** Field messages of subject requests. */
export const subjectRequestMessages = {} satisfies Record<string, Entry<never>>;
