import { area } from '../area';

/** The admin pages. */
export const admin = area({}, {});
