import { area } from '../area';

/** The settings pages. */
export const settings = area({}, {});
