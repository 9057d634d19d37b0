import { area } from '../area';

/** Additions for the dashboard pages. */
export const dashboardArea = area({}, {});
