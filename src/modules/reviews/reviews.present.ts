import type { FindingRow, ReviewRow } from '../../../db/schema';
import type { Checklist } from '../../domain/selection';
import { OPEN_STATUSES } from './reviews.repo';

const isOpen = (status: ReviewRow['status']) => (OPEN_STATUSES as readonly string[]).includes(status);

/** The review's checklist in the order of 通則編 10 (10-1 … 10-7). */
export const checklistOf = (row: ReviewRow): Checklist => ({
  basicPolicy: row.checklistBasicPolicy,
  handlingRules: row.checklistHandlingRules,
  organizational: row.checklistOrganizational,
  human: row.checklistHuman,
  physical: row.checklistPhysical,
  technical: row.checklistTechnical,
  externalEnvironment: row.checklistExternalEnvironment,
});

/** The columns that hold a checklist. */
export const checklistColumns = (c: Checklist) => ({
  checklistBasicPolicy: c.basicPolicy,
  checklistHandlingRules: c.handlingRules,
  checklistOrganizational: c.organizational,
  checklistHuman: c.human,
  checklistPhysical: c.physical,
  checklistTechnical: c.technical,
  checklistExternalEnvironment: c.externalEnvironment,
});

/** A review is overdue when it is open and its due date is before today (product.md). */
export function presentReview(row: ReviewRow, today: string) {
  return {
    id: row.id,
    contractorId: row.contractorId,
    agreementId: row.agreementId,
    kind: row.kind,
    dueDate: row.dueDate,
    status: row.status,
    overdue: isOpen(row.status) && row.dueDate < today,
    assignee: row.assignee,
    completedOn: row.completedOn,
    outcome: row.outcome,
    checklist: checklistOf(row),
    notes: row.notes,
    cancelReason: row.cancelReason,
    scheduledBy: row.scheduledBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
export type ReviewView = ReturnType<typeof presentReview>;

export function presentFinding(row: FindingRow, today: string) {
  return {
    id: row.id,
    reviewId: row.reviewId,
    contractorId: row.contractorId,
    severity: row.severity,
    category: row.category,
    description: row.description,
    dueDate: row.dueDate,
    status: row.status,
    overdue: row.status === 'open' && row.dueDate < today,
    resolvedOn: row.resolvedOn,
    resolutionNote: row.resolutionNote,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
export type FindingView = ReturnType<typeof presentFinding>;

/** A new open review row; every automatic one is scheduled by "system". */
export function newReviewRow(
  fields: Pick<ReviewRow, 'id' | 'contractorId' | 'kind' | 'dueDate'> &
    Partial<Pick<ReviewRow, 'agreementId' | 'assignee'>> & { scheduledBy: string; now: string },
): ReviewRow {
  return {
    id: fields.id,
    contractorId: fields.contractorId,
    agreementId: fields.agreementId ?? null,
    kind: fields.kind,
    dueDate: fields.dueDate,
    status: 'scheduled',
    assignee: fields.assignee ?? null,
    completedOn: null,
    outcome: null,
    checklistOrganizational: 'not_assessed',
    checklistHuman: 'not_assessed',
    checklistPhysical: 'not_assessed',
    checklistTechnical: 'not_assessed',
    checklistBasicPolicy: 'not_assessed',
    checklistHandlingRules: 'not_assessed',
    checklistExternalEnvironment: 'not_assessed',
    notes: null,
    cancelReason: null,
    scheduledBy: fields.scheduledBy,
    createdAt: fields.now,
    updatedAt: fields.now,
    version: 1,
  };
}
