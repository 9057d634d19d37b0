import { createRouter } from '../../platform/router';

export const calendarRoutes = createRouter();
