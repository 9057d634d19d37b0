import { area } from '../area';

/** The agreements pages. */
export const agreements = area({}, {});
