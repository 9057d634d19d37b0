import { area } from '../area';

/** The imports pages. */
export const imports = area({}, {});
