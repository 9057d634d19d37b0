import { createRouter } from '../../platform/router';

/** Extra days the organisation is closed, besides the national holidays. */
export const holidayRoutes = createRouter();
