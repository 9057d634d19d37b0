import { createRouter } from '../../platform/router';

/** Requests from the people whose data it is (APPI Art. 33–35). */
export const subjectRequestRoutes = createRouter();
