import { area } from '../area';

/** The incidents pages. */
export const incidents = area({}, {});
