import { area } from '../area';

/** Additions for the contractors pages. */
export const contractorsArea = area({}, {});
