import type { SupervisionStatus } from '../../domain/supervision-status';
import { labels } from '../../i18n/labels';
import { type ColumnSpec, exportOnlyColumns, importColumns } from '../csv/contractor-columns';
import { boolCell, type CsvColumn, type CsvFormat, enumCell, listCell } from '../csv/csv-format';
import type { StatusRow } from './exports.repo';

/** One contractor's line of supervision-status.csv: its row and what is derived from it. */
export interface SupervisionLine extends StatusRow {
  categories: string[];
  riskFactors: string[];
  supervision: SupervisionStatus;
  daysOverdue: number;
  reviewIntervalMonths: number;
}

type Value = (r: SupervisionLine, f: CsvFormat) => unknown;

/**
 * The values of supervision-status.csv, by field. The profile columns come first and are
 * the import columns, so a file exported in any language imports back as it is (the
 * import reads the labels too).
 */
const values: Record<string, Value> = {
  name: (r) => r.name,
  nameKana: (r) => r.name_kana,
  corporateNumber: (r) => r.corporate_number,
  country: (r) => r.country,
  contactName: (r) => r.contact_name,
  contactEmail: (r) => r.contact_email,
  services: (r) => r.services,
  dataCategories: (r, f) => listCell(labels.dataCategory, r.categories, f),
  handlesSpecialCare: (r, f) => boolCell(!!r.handles_special_care, f),
  handlesPaymentData: (r, f) => boolCell(!!r.handles_payment_data, f),
  subjectCount: (r) => r.subject_count,
  systemAccess: (r, f) => boolCell(!!r.system_access, f),
  parentName: (r) => r.parent_name,
  crossBorderBasis: (r, f) => enumCell(labels.crossBorderBasis, r.cross_border_basis, f),
  riskTierOverride: (r, f) => enumCell(labels.riskTier, r.risk_tier_override, f),
  riskOverrideReason: (r) => r.risk_override_reason,
  id: (r) => r.id,
  status: (r, f) => enumCell(labels.contractorStatus, r.status, f),
  riskTier: (r, f) => enumCell(labels.riskTier, r.risk_tier, f),
  riskFactors: (r, f) => listCell(labels.riskFactor, r.riskFactors, f),
  reviewIntervalMonths: (r) => r.reviewIntervalMonths,
  supervisionStatus: (r, f) => enumCell(labels.supervisionStatus, r.supervision, f),
  nextReviewDue: (r) => r.next_review_due,
  daysOverdue: (r) => r.daysOverdue,
  lastReviewOutcome: (r, f) => enumCell(labels.reviewOutcome, r.last_outcome, f),
  lastReviewCompletedOn: (r) => r.last_completed_on,
  openFindings: (r) => r.open_findings,
  agreementGaps: (r) => r.agreement_gaps,
  openAlerts: (r) => r.open_alerts,
};

const column = (c: Pick<ColumnSpec, 'field' | 'header'>): CsvColumn<SupervisionLine> => {
  const value = values[c.field];
  if (!value) throw new Error(`supervision-status.csv has no value for ${c.field}`);
  return { field: c.field, header: c.header, value };
};

/** The columns of supervision-status.csv, in order. */
export const supervisionColumns: CsvColumn<SupervisionLine>[] = [...importColumns, ...exportOnlyColumns].map(column);
