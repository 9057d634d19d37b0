import { v7 as uuidv7 } from 'uuid';

/** Opaque, time-ordered ids: new rows sort after old ones, which keeps keyset pages stable. */
export const newId = (): string => uuidv7();
