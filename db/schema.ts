import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import type { QuestionnaireTemplate, TemplateSection } from '../src/domain/questionnaire/template';

/**
 * The one source of truth for the database layout. `npm run db:generate` turns changes
 * here into SQL files under db/migrations, which both runtimes apply: the drizzle
 * migrator on Node, `wrangler d1 migrations apply` on D1.
 *
 * Calendar dates are `YYYY-MM-DD` text in the organisation's time zone; instants are
 * RFC 3339 UTC text. Both compare correctly as strings.
 */

export const roles = ['admin', 'procurement', 'compliance', 'manager'] as const;
export type Role = (typeof roles)[number];

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email'),
    role: text('role', { enum: roles }).notNull(),
    /** A deactivated user cannot sign in; their tokens and sessions stop working at once. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** scrypt, parameters inside (src/platform/password.ts); null: signs in by token or single sign-on only. */
    passwordHash: text('password_hash'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('users_role_idx').on(t.role, t.id), uniqueIndex('users_email_uq').on(t.email)],
);

/**
 * One-time links to set a password (issued by an admin, or e-mailed on request). Only
 * the SHA-256 of the link's token is stored; a link works once, until it expires, and a
 * newer link, a password change or a deactivation revokes it.
 */
export const passwordLinks = sqliteTable(
  'password_links',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('password_links_hash_uq').on(t.tokenHash), index('password_links_user_idx').on(t.userId)],
);

/**
 * Failed sign-ins counted per key (an account, a client address) in fixed windows,
 * shared by every process and isolate. An attempt is counted before the password is
 * checked, so parallel guesses cannot slip past the limit.
 */
export const signInThrottle = sqliteTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    windowStart: text('window_start').notNull(),
  },
  (t) => [index('sign_in_throttle_window_idx').on(t.windowStart)],
);

export const tokenKinds = ['api', 'feed'] as const;

/** Only the SHA-256 of a token is stored; the token itself is shown once. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: tokenKinds }).notNull().default('api'),
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId, t.kind)],
);

/**
 * Append-only audit log. Triggers (migration 0001) refuse UPDATE and DELETE. A write's
 * atomic unit appends its events with a database-assigned `seq` (writes are serialised by
 * the database, so `seq` is dense and never contended for); the sealer then chains them
 * into `audit_seals`. No foreign keys: audit rows outlive what they describe.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before'),
    after: text('after'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entityType, t.entityId, t.seq),
    index('audit_actor_idx').on(t.actor, t.seq),
    index('audit_at_idx').on(t.at),
    index('audit_action_idx').on(t.action, t.seq),
  ],
);

/**
 * The keyed hash chain over `audit_events`, one seal per event, in `seq` order:
 * `hash = HMAC-SHA-256(audit key, event fields + prevHash)`. Append-only like the events
 * (migration 0008); the primary key makes two sealers racing for the same `seq`
 * conflict instead of forking the chain.
 */
export const auditSeals = sqliteTable('audit_seals', {
  seq: integer('seq').primaryKey(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  sealedAt: text('sealed_at').notNull(),
});

/**
 * Checkpoints of the sealed chain (seq and hash), published after every sweep and on
 * demand, so that a copy held elsewhere can later prove nothing before it was removed
 * or rewritten.
 */
export const auditCheckpoints = sqliteTable(
  'audit_checkpoints',
  {
    seq: integer('seq').primaryKey(),
    hash: text('hash').notNull(),
    at: text('at').notNull(),
    trigger: text('trigger').notNull(),
  },
  (t) => [index('audit_checkpoints_at_idx').on(t.at)],
);

export type UserRow = typeof users.$inferSelect;
export type PasswordLinkRow = typeof passwordLinks.$inferSelect;
export type AuditRow = typeof auditEvents.$inferSelect;
export type AuditSealRow = typeof auditSeals.$inferSelect;

/** Small key/value settings; `bootstrap` marks the first start, guarding a double admin. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const dataCategories = [
  'customers',
  'business_partners',
  'applicants',
  'inquirers',
  'commissioned_work',
  'employees',
  // 特定個人情報 (My Number Act Art. 10: re-consigned only with the original consignor's permission).
  'my_number',
] as const;
export const contractorStatuses = ['proposed', 'approved', 'active', 'suspended', 'terminated'] as const;
export const riskTierValues = ['high', 'medium', 'low'] as const;
export const crossBorderBases = ['consent', 'equivalent_measures'] as const;

export interface CrossBorderConsent {
  informedOn: string;
  countryName: string;
  systemInfo: string;
  measuresInfo: string;
}
export interface CountryNote {
  country: string;
  notes: string;
  checkedOn: string | null;
}
export interface ReconsignmentApproval {
  approvedOn: string;
  approvedBy: string;
  work: string;
  handling: string;
}
export interface MyNumberPermission {
  permittedOn: string;
  permittedBy: string;
}

/**
 * Contractors (委託先). `risk_tier` is the effective tier (override or computed) so that
 * it can be filtered by index; `next_review_due` is the earliest open review's due date,
 * kept current in the same unit as every review change, so supervision status filters
 * are index range scans. `search_text` holds the normalised name and kana for `q`.
 */
export const contractors = sqliteTable(
  'contractors',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    nameKana: text('name_kana'),
    searchText: text('search_text').notNull(),
    corporateNumber: text('corporate_number'),
    country: text('country').notNull(),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    services: text('services'),
    dataCategories: text('data_categories', { mode: 'json' }).$type<string[]>().notNull(),
    handlesSpecialCare: integer('handles_special_care', { mode: 'boolean' }).notNull(),
    handlesPaymentData: integer('handles_payment_data', { mode: 'boolean' }).notNull(),
    subjectCount: integer('subject_count').notNull(),
    systemAccess: integer('system_access', { mode: 'boolean' }).notNull(),
    parentId: text('parent_id').references((): AnySQLiteColumn => contractors.id),
    crossBorderBasis: text('cross_border_basis', { enum: crossBorderBases }),
    // Where the data is stored or processed (cloud regions, foreign sub-processors), ISO 3166-1.
    processingCountries: text('processing_countries', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    // What the person was told before consenting (APPI Art. 28(2); Rules Art. 17(2)).
    crossBorderConsent: text('cross_border_consent', { mode: 'json' }).$type<CrossBorderConsent>(),
    // 10-7 (外的環境の把握): what was learnt of each foreign country's system.
    countryNotes: text('country_notes', { mode: 'json' }).$type<CountryNote[]>().notNull().default(sql`'[]'`),
    // The parent's approval of this re-consignment under a prior_approval agreement (通則編 3-4-4).
    reconsignmentApproval: text('reconsignment_approval', { mode: 'json' }).$type<ReconsignmentApproval>(),
    // The original consignor's permission to re-consign My Number data (番号法10条).
    myNumberPermission: text('my_number_permission', { mode: 'json' }).$type<MyNumberPermission>(),
    status: text('status', { enum: contractorStatuses }).notNull(),
    riskTier: text('risk_tier', { enum: riskTierValues }).notNull(),
    riskFactors: text('risk_factors', { mode: 'json' }).$type<string[]>().notNull(),
    riskTierOverride: text('risk_tier_override', { enum: riskTierValues }),
    riskOverrideReason: text('risk_override_reason'),
    nextReviewDue: text('next_review_due'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('contractors_status_idx').on(t.status, t.id),
    index('contractors_risk_idx').on(t.riskTier, t.id),
    index('contractors_parent_idx').on(t.parentId, t.id),
    index('contractors_next_due_idx').on(t.nextReviewDue, t.id),
    // One company, one record (法人番号 identifies it), even for writes racing each other.
    uniqueIndex('contractors_corporate_number_uq').on(t.corporateNumber).where(sql`${t.corporateNumber} IS NOT NULL`),
    // Exact-name lookups: import duplicate checks and parents named in a form or a file.
    index('contractors_name_idx').on(t.name),
    // The sweep's cross-border conditions: contractors by their Art. 28 basis.
    index('contractors_cross_border_idx').on(t.crossBorderBasis, t.status),
    // Everything a list page reads of a row (its keys: id, version, next review date) and
    // what `q` is checked against, in id order: the plain list, the infix check of a
    // common term and the lookups of a rare term's hits read this index alone, not the
    // table's wide rows (a rare term's page 131 → 66 µs, the first page 25 → 14 µs).
    index('contractors_list_keys_idx').on(t.id, t.searchText, t.version, t.nextReviewDue),
  ],
);

export const reconsignmentTerms = ['prohibited', 'prior_approval', 'allowed'] as const;
export const dispositionMethods = ['returned', 'deleted'] as const;

/** Consignment agreements (委託契約); the eight clause flags are columns of their own. */
export const agreements = sqliteTable(
  'agreements',
  {
    id: text('id').primaryKey(),
    contractorId: text('contractor_id')
      .notNull()
      .references(() => contractors.id),
    title: text('title').notNull(),
    reference: text('reference'),
    purpose: text('purpose').notNull(),
    dataCategories: text('data_categories', { mode: 'json' }).$type<string[]>().notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    autoRenew: integer('auto_renew', { mode: 'boolean' }).notNull(),
    renewalTermMonths: integer('renewal_term_months'),
    noticePeriodDays: integer('notice_period_days'),
    reconsignment: text('reconsignment', { enum: reconsignmentTerms }).notNull(),
    clauseResponsibilities: integer('clause_responsibilities', { mode: 'boolean' }).notNull(),
    clauseSecurityMeasures: integer('clause_security_measures', { mode: 'boolean' }).notNull(),
    clauseReconsignment: integer('clause_reconsignment', { mode: 'boolean' }).notNull(),
    clauseReporting: integer('clause_reporting', { mode: 'boolean' }).notNull(),
    clauseComplianceChecks: integer('clause_compliance_checks', { mode: 'boolean' }).notNull(),
    clauseBreachOfContract: integer('clause_breach_of_contract', { mode: 'boolean' }).notNull(),
    clauseIncidentReporting: integer('clause_incident_reporting', { mode: 'boolean' }).notNull(),
    clauseAfterTermination: integer('clause_after_termination', { mode: 'boolean' }).notNull(),
    missingClauseCount: integer('missing_clause_count').notNull(),
    // Derived (domain/agreement-terms.ts), stored for the sweep's indexed conditions;
    // kept current at every write and rolled forward by the sweep.
    currentEndDate: text('current_end_date'),
    noticeDeadline: text('notice_deadline'),
    terminatedOn: text('terminated_on'),
    dispositionMethod: text('disposition_method', { enum: dispositionMethods }),
    dispositionConfirmedOn: text('disposition_confirmed_on'),
    dispositionEvidence: text('disposition_evidence'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('agreements_contractor_idx').on(t.contractorId, t.id),
    index('agreements_end_idx').on(t.autoRenew, t.endDate),
    index('agreements_start_idx').on(t.startDate),
    index('agreements_gaps_idx').on(t.missingClauseCount),
    index('agreements_current_end_idx').on(t.autoRenew, t.currentEndDate),
    index('agreements_notice_idx').on(t.noticeDeadline),
  ],
);

/**
 * One row that makes a versioned UPDATE fail loudly inside a batch: the statement after
 * the UPDATE writes `changes()` here, and the CHECK aborts the unit when it was not 1.
 * D1 batches cannot branch, so this is how a stale `If-Match` rolls the unit back.
 */
export const writeGuard = sqliteTable(
  'write_guard',
  {
    id: integer('id').primaryKey(),
    changed: integer('changed').notNull(),
  },
  (t) => [check('write_guard_one_row_changed', sql`${t.changed} = 1`)],
);

export type ContractorRow = typeof contractors.$inferSelect;
export type AgreementRow = typeof agreements.$inferSelect;

export const reviewKinds = [
  'selection',
  'periodic',
  'document_review',
  'on_site_audit',
  'follow_up',
  'cross_border_confirmation',
  // The parent's report on how its sub-contractor handles the data (supervision through it).
  'parent_report',
] as const;
export const reviewStatuses = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export const reviewOutcomes = ['satisfactory', 'minor_findings', 'major_findings', 'unsatisfactory'] as const;
export const checklistRatings = ['adequate', 'needs_improvement', 'inadequate', 'not_assessed'] as const;

/**
 * Supervision reviews. Open ones (scheduled, in progress) drive the contractor's
 * `next_review_due`; the partial index serves that minimum and the sweep's overdue scan.
 */
export const reviews = sqliteTable(
  'reviews',
  {
    id: text('id').primaryKey(),
    contractorId: text('contractor_id')
      .notNull()
      .references(() => contractors.id),
    agreementId: text('agreement_id').references(() => agreements.id),
    kind: text('kind', { enum: reviewKinds }).notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: reviewStatuses }).notNull(),
    assignee: text('assignee'),
    completedOn: text('completed_on'),
    outcome: text('outcome', { enum: reviewOutcomes }),
    checklistOrganizational: text('checklist_organizational', { enum: checklistRatings }).notNull(),
    checklistHuman: text('checklist_human', { enum: checklistRatings }).notNull(),
    checklistPhysical: text('checklist_physical', { enum: checklistRatings }).notNull(),
    checklistTechnical: text('checklist_technical', { enum: checklistRatings }).notNull(),
    // PPC General Guidelines 10-1, 10-2 and 10-7 (別添): recorded since questionnaires feed them.
    checklistBasicPolicy: text('checklist_basic_policy', { enum: checklistRatings }).notNull().default('not_assessed'),
    checklistHandlingRules: text('checklist_handling_rules', { enum: checklistRatings })
      .notNull()
      .default('not_assessed'),
    checklistExternalEnvironment: text('checklist_external_environment', { enum: checklistRatings })
      .notNull()
      .default('not_assessed'),
    notes: text('notes'),
    cancelReason: text('cancel_reason'),
    scheduledBy: text('scheduled_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('reviews_open_due_idx').on(t.contractorId, t.dueDate).where(sql`${t.status} IN ('scheduled', 'in_progress')`),
    index('reviews_contractor_idx').on(t.contractorId, t.dueDate, t.id),
    // Each contractor's latest completed review (exports, dashboard) without touching others'.
    index('reviews_completed_idx').on(t.contractorId, t.status, t.completedOn),
    index('reviews_status_due_idx').on(t.status, t.dueDate, t.id),
    // Reviews completed in a period (the board report, reviews.csv?completedFrom=).
    index('reviews_status_completed_idx').on(t.status, t.completedOn, t.id),
    index('reviews_due_idx').on(t.dueDate, t.id),
    index('reviews_kind_idx').on(t.kind, t.dueDate, t.id),
  ],
);

export const findingSeverities = ['low', 'medium', 'high'] as const;
export const findingCategories = ['organizational', 'human', 'physical', 'technical'] as const;
export const findingStatuses = ['open', 'resolved'] as const;

/** Findings and their corrective actions. */
export const findings = sqliteTable(
  'findings',
  {
    id: text('id').primaryKey(),
    reviewId: text('review_id').references(() => reviews.id),
    contractorId: text('contractor_id')
      .notNull()
      .references(() => contractors.id),
    severity: text('severity', { enum: findingSeverities }).notNull(),
    category: text('category', { enum: findingCategories }).notNull(),
    description: text('description').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: findingStatuses }).notNull(),
    resolvedOn: text('resolved_on'),
    resolutionNote: text('resolution_note'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('findings_contractor_idx').on(t.contractorId, t.status, t.id),
    index('findings_status_due_idx').on(t.status, t.dueDate, t.id),
    index('findings_severity_idx').on(t.severity, t.status, t.dueDate, t.id),
    index('findings_review_idx').on(t.reviewId),
  ],
);

export type ReviewRow = typeof reviews.$inferSelect;
export type FindingRow = typeof findings.$inferSelect;

export const alertKinds = [
  'review_overdue',
  'review_due_soon',
  'none_scheduled',
  'agreement_expiring',
  'agreement_expired',
  'agreement_notice_due',
  'finding_overdue',
  'incident_report_due',
  'cross_border_confirmation_due',
  'document_expiring',
  'document_expired',
  'questionnaire_overdue',
  'cross_border_unscheduled',
  'cross_border_measures_required',
  'contractor_notice_late',
  'subject_notice_missing',
  'subject_request_due',
] as const;
export const alertSeverities = ['info', 'warning', 'critical'] as const;
export const alertStatuses = ['open', 'acknowledged', 'resolved'] as const;

/**
 * Alerts raised by the sweep. The partial unique index allows at most one unresolved
 * alert per (kind, subject): re-running the sweep cannot duplicate one. `raised_run` and
 * `escalated_run` tie alerts to the sweep that raised or escalated them, for delivery.
 */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: alertKinds }).notNull(),
    severity: text('severity', { enum: alertSeverities }).notNull(),
    contractorId: text('contractor_id').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    dueDate: text('due_date'),
    message: text('message').notNull(),
    status: text('status', { enum: alertStatuses }).notNull(),
    raisedAt: text('raised_at').notNull(),
    raisedRun: text('raised_run'),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolutionNote: text('resolution_note'),
    escalatedAt: text('escalated_at'),
    escalatedRun: text('escalated_run'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('alerts_one_unresolved_uq').on(t.kind, t.subjectId).where(sql`${t.status} <> 'resolved'`),
    index('alerts_status_idx').on(t.status, t.raisedAt, t.id),
    // The list's due order (undated last) as an expression, so that a page is read in order.
    index('alerts_status_due_idx').on(t.status, sql`coalesce(${t.dueDate}, '9999-12-31')`, t.id),
    index('alerts_contractor_idx').on(t.contractorId, t.status),
    index('alerts_kind_idx').on(t.kind, t.status),
    index('alerts_raised_run_idx').on(t.raisedRun),
    index('alerts_escalated_run_idx').on(t.escalatedRun),
  ],
);

/** Every run of a scheduled job: start, end, counts, error. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: text('id').primaryKey(),
    job: text('job').notNull(),
    trigger: text('trigger').notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed', 'skipped'] }).notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    counts: text('counts', { mode: 'json' }).$type<Record<string, number>>(),
    error: text('error'),
  },
  (t) => [index('job_runs_started_idx').on(t.startedAt, t.id)],
);

/** A lease per job so that two processes (or Workers invocations) never run it at once. */
export const jobLeases = sqliteTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: text('expires_at').notNull(),
});

/** Webhook receivers. The secret signs deliveries and is never returned by the API. */
export const webhooks = sqliteTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
  description: text('description'),
  active: integer('active', { mode: 'boolean' }).notNull(),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  deletedAt: text('deleted_at'),
});

/**
 * The outbox: one row per message to deliver, written in the same unit as what caused
 * it, so a crash or an unreachable receiver never loses one. `event_id` is stable across
 * retries for receivers to de-duplicate.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: ['webhook', 'email'] }).notNull(),
    target: text('target').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [
    uniqueIndex('outbox_event_uq').on(t.channel, t.target, t.eventId),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    // A webhook's deliveries page, newest first.
    index('outbox_target_idx').on(t.channel, t.target, t.createdAt, t.id),
  ],
);

/** Every delivery attempt, successful or not. */
export const deliveryAttempts = sqliteTable(
  'delivery_attempts',
  {
    id: text('id').primaryKey(),
    outboxId: text('outbox_id').notNull(),
    channel: text('channel').notNull(),
    target: text('target').notNull(),
    eventId: text('event_id').notNull(),
    attempt: integer('attempt').notNull(),
    attemptedAt: text('attempted_at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    nextAttemptAt: text('next_attempt_at'),
  },
  (t) => [index('delivery_attempts_target_idx').on(t.target, t.attemptedAt, t.id)],
);

export type AlertRow = typeof alerts.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type WebhookRow = typeof webhooks.$inferSelect;

/**
 * Leak incidents (漏えい等) at contractors. `reportable` and the due dates are derived
 * (domain/incident-deadlines.ts) and stored so that lists and the sweep can use indexes.
 */
export interface AlternativeNotice {
  kind: 'public_announcement' | 'inquiry_desk';
  on: string;
}

export const incidents = sqliteTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    contractorId: text('contractor_id')
      .notNull()
      .references(() => contractors.id),
    summary: text('summary').notNull(),
    discoveredOn: text('discovered_on').notNull(),
    affectedCount: integer('affected_count').notNull(),
    factorSpecialCare: integer('factor_special_care', { mode: 'boolean' }).notNull(),
    factorFinancialHarm: integer('factor_financial_harm', { mode: 'boolean' }).notNull(),
    factorWrongfulAct: integer('factor_wrongful_act', { mode: 'boolean' }).notNull(),
    factorOverThousand: integer('factor_over_thousand', { mode: 'boolean' }).notNull(),
    reportable: integer('reportable', { mode: 'boolean' }).notNull(),
    preliminaryDueOn: text('preliminary_due_on'),
    finalDueOn: text('final_due_on'),
    preliminaryReportedOn: text('preliminary_reported_on'),
    finalReportedOn: text('final_reported_on'),
    subjectsNotifiedOn: text('subjects_notified_on'),
    // Rules Art. 7 proviso: data protected by high-level encryption (and the key not lost).
    factorHighlyEncrypted: integer('factor_highly_encrypted', { mode: 'boolean' }).notNull().default(false),
    encryptionNote: text('encryption_note'),
    contractorAwareOn: text('contractor_aware_on'),
    contractorNotifiedOn: text('contractor_notified_on'),
    becameReportableOn: text('became_reportable_on'),
    reportedJointly: integer('reported_jointly', { mode: 'boolean' }).notNull().default(false),
    authority: text('authority'),
    // Art. 26(2) proviso: a public announcement or an inquiry desk instead of notices.
    alternativeNotice: text('alternative_notice', { mode: 'json' }).$type<AlternativeNotice>(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    closedOn: text('closed_on'),
    closingSummary: text('closing_summary'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('incidents_contractor_idx').on(t.contractorId, t.status, t.id),
    index('incidents_status_idx').on(t.status, t.reportable, t.id),
    index('incidents_final_due_idx').on(t.status, t.finalDueOn),
    index('incidents_preliminary_due_idx').on(t.status, t.preliminaryDueOn),
  ],
);

export type IncidentRow = typeof incidents.$inferSelect;

/**
 * Web UI sessions: the browser holds a random id in an HttpOnly cookie; only its hash is
 * stored. Revocable (sign-out, token revocation) and expiring.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export type SessionRow = typeof sessions.$inferSelect;

export const documentKinds = [
  'privacy_mark',
  'isms_certificate',
  'iso27701_certificate',
  'soc2_report',
  'policy',
  'audit_report',
  'contract',
  'insurance',
  'other',
] as const;

/**
 * Evidence held for a contractor (certificates, policies, audit reports): the supervision
 * of APPI Art. 25 is shown by what was collected. The content lives in the file store,
 * addressed by its SHA-256; a deleted row keeps its content for the retention period.
 */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    contractorId: text('contractor_id')
      .notNull()
      .references(() => contractors.id),
    kind: text('kind', { enum: documentKinds }).notNull(),
    title: text('title'),
    number: text('number'),
    issuer: text('issuer'),
    validFrom: text('valid_from'),
    validUntil: text('valid_until'),
    reviewId: text('review_id').references(() => reviews.id),
    agreementId: text('agreement_id').references(() => agreements.id),
    // Evidence a contractor attached to one answer of a questionnaire.
    questionnaireId: text('questionnaire_id').references((): AnySQLiteColumn => questionnaires.id),
    questionId: text('question_id'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: text('created_at').notNull(),
    deletedAt: text('deleted_at'),
    deletedBy: text('deleted_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('documents_contractor_idx').on(t.contractorId, t.id),
    index('documents_valid_until_idx').on(t.validUntil),
    index('documents_sha256_idx').on(t.sha256),
    index('documents_questionnaire_idx').on(t.questionnaireId, t.questionId),
  ],
);

export type DocumentRow = typeof documents.$inferSelect;

/**
 * Custom questionnaire templates, copied from a built-in one and edited by compliance.
 * `version` counts edits (and serves If-Match); a questionnaire keeps a copy of the
 * template as it was sent, so editing one never changes what a contractor answered.
 */
export const questionnaireTemplates = sqliteTable('questionnaire_templates', {
  id: text('id').primaryKey(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  basedOn: text('based_on'),
  sections: text('sections', { mode: 'json' }).$type<TemplateSection[]>().notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  archivedAt: text('archived_at'),
  version: integer('version').notNull().default(1),
});

export const questionnaireStatuses = ['sent', 'in_progress', 'submitted', 'returned', 'accepted', 'revoked'] as const;
export const questionnaireLanguages = ['ja', 'en'] as const;

/**
 * A self-assessment sent to a contractor for one review. The respondent's link carries a
 * random token: `token_hash` (SHA-256) finds the questionnaire; `token_sealed` is the same
 * token encrypted under the stored-secrets key, so reminders can repeat the link while the
 * database alone reveals nothing usable. At most one questionnaire per review is live.
 */
export const questionnaires = sqliteTable(
  'questionnaires',
  {
    id: text('id').primaryKey(),
    reviewId: text('review_id')
      .notNull()
      .references(() => reviews.id),
    contractorId: text('contractor_id')
      .notNull()
      .references(() => contractors.id),
    templateId: text('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    template: text('template', { mode: 'json' }).$type<QuestionnaireTemplate>().notNull(),
    language: text('language', { enum: questionnaireLanguages }).notNull(),
    recipientName: text('recipient_name').notNull(),
    recipientEmail: text('recipient_email').notNull(),
    dueDate: text('due_date').notNull(),
    expiresAt: text('expires_at').notNull(),
    status: text('status', { enum: questionnaireStatuses }).notNull(),
    tokenHash: text('token_hash').notNull(),
    tokenSealed: text('token_sealed').notNull(),
    sentAt: text('sent_at').notNull(),
    sentBy: text('sent_by').notNull(),
    submittedAt: text('submitted_at'),
    returnedAt: text('returned_at'),
    acceptedAt: text('accepted_at'),
    acceptedBy: text('accepted_by'),
    revokedAt: text('revoked_at'),
    revokedBy: text('revoked_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('questionnaires_token_uq').on(t.tokenHash),
    uniqueIndex('questionnaires_live_review_uq').on(t.reviewId).where(sql`${t.status} <> 'revoked'`),
    index('questionnaires_contractor_idx').on(t.contractorId, t.createdAt, t.id),
    index('questionnaires_status_due_idx').on(t.status, t.dueDate, t.id),
  ],
);

/** One row per answered question; `reviewer_comment` is compliance's request for clarification. */
export const questionnaireAnswers = sqliteTable(
  'questionnaire_answers',
  {
    questionnaireId: text('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id),
    questionId: text('question_id').notNull(),
    value: text('value'),
    comment: text('comment'),
    reviewerComment: text('reviewer_comment'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionnaireId, t.questionId] })],
);

export type QuestionnaireTemplateRow = typeof questionnaireTemplates.$inferSelect;
export type QuestionnaireRow = typeof questionnaires.$inferSelect;
export type QuestionnaireAnswerRow = typeof questionnaireAnswers.$inferSelect;

/**
 * Records of provision to a third party abroad on the person's consent (第三者提供記録,
 * APPI Art. 29; Rules Art. 19–20), kept 1 or 3 years (Rules Art. 21) and listed for a
 * disclosure request (Art. 33(5)). One row may record a continuous provision (Rules Art. 19(2)).
 */
export const provisionRecords = sqliteTable(
  'provision_records',
  {
    id: text('id').primaryKey(),
    contractorId: text('contractor_id')
      .notNull()
      .references(() => contractors.id),
    providedFrom: text('provided_from').notNull(),
    providedUntil: text('provided_until'),
    country: text('country').notNull(),
    dataCategories: text('data_categories', { mode: 'json' }).$type<string[]>().notNull(),
    subjects: text('subjects').notNull(),
    items: text('items').notNull(),
    consentNote: text('consent_note'),
    retainUntil: text('retain_until').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('provision_records_contractor_idx').on(t.contractorId, t.providedFrom, t.id),
    index('provision_records_retain_idx').on(t.retainUntil, t.id),
    index('provision_records_provided_idx').on(t.providedFrom, t.id),
  ],
);

export const subjectRequestKinds = [
  'disclosure',
  'correction',
  'suspension',
  'deletion',
  'third_party_records',
] as const;
export const subjectRequestOutcomes = ['fulfilled', 'partly_fulfilled', 'refused', 'withdrawn'] as const;
/** The grounds of the privacy policy (and APPI Art. 33(2)) on which a request may be refused. */
export const refusalGrounds = ['harm_to_life_or_property', 'serious_business_disruption', 'violation_of_law'] as const;

/** A person's request about their own data (APPI Art. 33–35): no more personal data than needed. */
export const subjectRequests = sqliteTable(
  'subject_requests',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: subjectRequestKinds }).notNull(),
    receivedOn: text('received_on').notNull(),
    dataCategories: text('data_categories', { mode: 'json' }).$type<string[]>().notNull(),
    reference: text('reference').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    dueOn: text('due_on').notNull(),
    outcome: text('outcome', { enum: subjectRequestOutcomes }),
    refusalGround: text('refusal_ground', { enum: refusalGrounds }),
    refusalReason: text('refusal_reason'),
    closedOn: text('closed_on'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('subject_requests_status_due_idx').on(t.status, t.dueOn, t.id),
    index('subject_requests_received_idx').on(t.receivedOn, t.id),
  ],
);

/** One contractor's part in a subject request: forwarded, answered, with what outcome. */
export const subjectRequestTasks = sqliteTable(
  'subject_request_tasks',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => subjectRequests.id),
    contractorId: text('contractor_id')
      .notNull()
      .references(() => contractors.id),
    forwardedOn: text('forwarded_on'),
    answeredOn: text('answered_on'),
    outcome: text('outcome'),
    note: text('note'),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.contractorId] }),
    index('subject_request_tasks_contractor_idx').on(t.contractorId, t.requestId),
  ],
);

/**
 * Days the organisation is closed besides the 祝日法 holidays in the code: a one-off
 * holiday (a new 国民の祝日, an imperial event) need not wait for a release.
 */
export const extraHolidays = sqliteTable('extra_holidays', {
  day: text('day').primaryKey(),
  name: text('name').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
});

export type ProvisionRecordRow = typeof provisionRecords.$inferSelect;
export type SubjectRequestRow = typeof subjectRequests.$inferSelect;
export type SubjectRequestTaskRow = typeof subjectRequestTasks.$inferSelect;
export type ExtraHolidayRow = typeof extraHolidays.$inferSelect;
