import { area } from '../area';

/** Additions for the alerts pages. */
export const alertsArea = area({}, {});
