import { area } from '../area';

/** The people pages. */
export const people = area({}, {});
