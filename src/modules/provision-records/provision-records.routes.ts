import { createRouter } from '../../platform/router';

/** Records of provision to third parties abroad (APPI Art. 29). */
export const provisionRecordRoutes = createRouter();
