import { area } from '../area';

/** The reports pages. */
export const reports = area({}, {});
