import { a11yStyles } from './styles/a11y';
import { adminStyles } from './styles/admin';
import { agreementsStyles } from './styles/agreements';
import { stylesheet as base } from './styles/base';
import { contractorsLawStyles } from './styles/contractors-law';
import { documentsStyles } from './styles/documents';
import { findingsStyles } from './styles/findings';
import { holidaysStyles } from './styles/holidays';
import { importsStyles } from './styles/imports';
import { incidentsStyles } from './styles/incidents';
import { incidentsLawStyles } from './styles/incidents-law';
import { peopleStyles } from './styles/people';
import { provisionStyles } from './styles/provision-records';
import { questionnairesStyles } from './styles/questionnaires';
import { reportsStyles } from './styles/reports';
import { respondStyles } from './styles/respond';
import { reviewsStyles } from './styles/reviews';
import { subjectRequestsStyles } from './styles/subject-requests';

/** The one stylesheet, served at /assets/itaku.css: the base, then each area's additions. */
export const stylesheet = [
  base,
  peopleStyles,
  adminStyles,
  incidentsStyles,
  findingsStyles,
  reviewsStyles,
  agreementsStyles,
  importsStyles,
  reportsStyles,
  respondStyles,
  questionnairesStyles,
  documentsStyles,
  provisionStyles,
  subjectRequestsStyles,
  holidaysStyles,
  contractorsLawStyles,
  incidentsLawStyles,
  a11yStyles,
].join('\n');
