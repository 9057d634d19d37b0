import type { Entry } from '../message-entry';

/** Field messages of incidents. */
export const incidentMessages = {} satisfies Record<string, Entry<never>>;
