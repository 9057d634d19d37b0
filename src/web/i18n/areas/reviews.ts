import { area } from '../area';

/** The reviews pages. */
export const reviews = area({}, {});
