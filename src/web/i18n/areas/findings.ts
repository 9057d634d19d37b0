import { area } from '../area';

/** The findings pages. */
export const findings = area({}, {});
