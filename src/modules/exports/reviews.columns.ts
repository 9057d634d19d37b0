import { labels } from '../../i18n/labels';
import { boolCell, type CsvColumn, enumCell } from '../csv/csv-format';
import type { ReviewExportRow } from './reviews.repo';

/** One line of reviews.csv: the review, its contractor's name, and whether it is overdue. */
export interface ReviewLine extends ReviewExportRow {
  overdue: boolean;
}

/**
 * The columns of reviews.csv, the supervision history for an auditor. The checklist columns
 * are the measures of the PPC General Guidelines 通則編 10 (別添), in its order 10-1 … 10-7.
 */
export const reviewColumns: CsvColumn<ReviewLine>[] = [
  { field: 'id', header: { en: 'ID', ja: 'ID' }, value: (r) => r.id },
  { field: 'contractorId', header: { en: 'Contractor ID', ja: '委託先ID' }, value: (r) => r.contractor_id },
  { field: 'contractorName', header: { en: 'Contractor', ja: '委託先名' }, value: (r) => r.contractor_name },
  { field: 'kind', header: { en: 'Kind', ja: '種別' }, value: (r, f) => enumCell(labels.reviewKind, r.kind, f) },
  { field: 'dueDate', header: { en: 'Due date', ja: '期限' }, value: (r) => r.due_date },
  {
    field: 'status',
    header: { en: 'Status', ja: 'ステータス' },
    value: (r, f) => enumCell(labels.reviewStatus, r.status, f),
  },
  { field: 'overdue', header: { en: 'Overdue', ja: '期限超過' }, value: (r, f) => boolCell(r.overdue, f) },
  { field: 'assignee', header: { en: 'Assignee', ja: '担当者' }, value: (r) => r.assignee },
  { field: 'completedOn', header: { en: 'Completed on', ja: '実施日' }, value: (r) => r.completed_on },
  {
    field: 'outcome',
    header: { en: 'Outcome', ja: '結果' },
    value: (r, f) => enumCell(labels.reviewOutcome, r.outcome, f),
  },
  {
    field: 'basicPolicy',
    header: { en: 'Basic policy', ja: '基本方針の策定' },
    value: (r, f) => enumCell(labels.checklistRating, r.checklist_basic_policy, f),
  },
  {
    field: 'handlingRules',
    header: { en: 'Handling rules', ja: '個人データの取扱いに係る規律の整備' },
    value: (r, f) => enumCell(labels.checklistRating, r.checklist_handling_rules, f),
  },
  {
    field: 'organizational',
    header: { en: 'Organizational measures', ja: '組織的安全管理措置' },
    value: (r, f) => enumCell(labels.checklistRating, r.checklist_organizational, f),
  },
  {
    field: 'human',
    header: { en: 'Human measures', ja: '人的安全管理措置' },
    value: (r, f) => enumCell(labels.checklistRating, r.checklist_human, f),
  },
  {
    field: 'physical',
    header: { en: 'Physical measures', ja: '物理的安全管理措置' },
    value: (r, f) => enumCell(labels.checklistRating, r.checklist_physical, f),
  },
  {
    field: 'technical',
    header: { en: 'Technical measures', ja: '技術的安全管理措置' },
    value: (r, f) => enumCell(labels.checklistRating, r.checklist_technical, f),
  },
  {
    field: 'externalEnvironment',
    header: { en: 'External environment', ja: '外的環境の把握' },
    value: (r, f) => enumCell(labels.checklistRating, r.checklist_external_environment, f),
  },
  { field: 'notes', header: { en: 'Notes', ja: '所見' }, value: (r) => r.notes },
  { field: 'cancelReason', header: { en: 'Reason for cancelling', ja: '中止理由' }, value: (r) => r.cancel_reason },
];
