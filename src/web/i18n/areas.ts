import { admin } from './areas/admin';
import { agreements } from './areas/agreements';
import { alertsArea } from './areas/alerts';
import { contractorsArea } from './areas/contractors';
import { contractorsLawArea } from './areas/contractors-law';
import { dashboardArea } from './areas/dashboard';
import { documentsArea } from './areas/documents';
import { findings } from './areas/findings';
import { holidaysArea } from './areas/holidays';
import { imports } from './areas/imports';
import { incidents } from './areas/incidents';
import { incidentsLawArea } from './areas/incidents-law';
import { people } from './areas/people';
import { provisionArea } from './areas/provision-records';
import { questionnaireTemplatesArea } from './areas/questionnaire-templates';
import { questionnairesArea } from './areas/questionnaires';
import { reports } from './areas/reports';
import { respondArea } from './areas/respond';
import { reviews } from './areas/reviews';
import { settings } from './areas/settings';
import { sso } from './areas/sso';
import { subjectRequestsArea } from './areas/subject-requests';

/** Every area's messages, merged (tests/unit/web-i18n.test.ts: no key twice, both languages complete). */
const all = [
  people,
  sso,
  admin,
  incidents,
  findings,
  reviews,
  agreements,
  imports,
  reports,
  settings,
  contractorsArea,
  alertsArea,
  dashboardArea,
  respondArea,
  questionnairesArea,
  questionnaireTemplatesArea,
  documentsArea,
  provisionArea,
  subjectRequestsArea,
  holidaysArea,
  contractorsLawArea,
  incidentsLawArea,
] as const;

type Union<T> = T extends readonly (infer A)[] ? A : never;
type Keys = Union<typeof all> extends infer A ? (A extends { en: infer E } ? keyof E : never) : never;

export const areaEn = Object.assign({}, ...all.map((a) => a.en)) as Record<Keys, string>;
export const areaJa = Object.assign({}, ...all.map((a) => a.ja)) as Record<Keys, string>;
export type AreaKey = Keys;
