import { area } from '../area';

/** The sso pages. */
export const sso = area({}, {});
