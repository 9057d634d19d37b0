import { sql } from 'drizzle-orm';
import { awaitingAnswerStatuses } from '../notify/questionnaire-outbox';
import { crossBorderConditions } from './conditions/cross-border';
import { incidentConditions } from './conditions/incidents';
import { subjectRequestConditions } from './conditions/subject-requests';
import {
  type AlertCondition,
  agreementInForce,
  liveContractor,
  openReview,
  passed,
  reached,
  type SweepParams,
} from './sweep.params';

export { type AlertCondition, type SweepParams, sweepParams } from './sweep.params';

const reviewLabel = sql.raw(`CASE r.kind WHEN 'periodic' THEN 'periodic review' WHEN 'selection' THEN 'selection review'
  WHEN 'document_review' THEN 'document review' WHEN 'on_site_audit' THEN 'on-site audit'
  WHEN 'follow_up' THEN 'follow-up review' ELSE replace(r.kind, '_', ' ') END`);

/**
 * An open, reportable incident whose next report (preliminary 速報, then final 確報) is
 * not recorded and is due within two days or already past (APPI Art. 26, Rules Art. 8).
 */
const unreportedSoon = (p: SweepParams) => sql`(
  (i.preliminary_reported_on IS NULL AND i.final_reported_on IS NULL AND i.preliminary_due_on <= ${p.reportWarn})
  OR (i.final_reported_on IS NULL AND i.final_due_on <= ${p.reportWarn}))`;

/** True when a report deadline has passed without the report. */
export const reportOverdue = (p: SweepParams) => sql`(
  (i.preliminary_reported_on IS NULL AND i.final_reported_on IS NULL AND i.preliminary_due_on < ${p.today})
  OR (i.final_reported_on IS NULL AND i.final_due_on < ${p.today}))`;

/**
 * A document nobody needs reminding of: it was deleted, or a newer one of the same kind
 * for the same contractor is valid for longer (the renewed certificate is on file).
 */
const documentCurrent = sql.raw(`d.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM documents d2
  WHERE d2.contractor_id = d.contractor_id AND d2.kind = d.kind AND d2.id <> d.id
    AND d2.deleted_at IS NULL AND d2.valid_until > d.valid_until)`);
const awaitingAnswers = sql.join(
  awaitingAnswerStatuses.map((s) => sql`${s}`),
  sql`, `,
);
/** Agreements whose termination day the calendar crossed (agreements_terminated_idx). */
const terminatedBetween = (a: SweepParams, b: SweepParams) =>
  sql`SELECT g.id AS id FROM agreements g WHERE g.terminated_on IS NOT NULL AND ${reached('g.terminated_on', a, b, 'today')}`;

/** Contractors one of whose agreements started, ended or was terminated between the two days. */
const agreementDatesCrossed = (a: SweepParams, b: SweepParams) => sql`
  SELECT x.contractor_id FROM agreements x WHERE x.auto_renew = 0 AND ${passed('x.end_date', a, b, 'today')}
  UNION SELECT x.contractor_id FROM agreements x WHERE x.terminated_on IS NOT NULL AND ${reached('x.terminated_on', a, b, 'today')}
  UNION SELECT x.contractor_id FROM agreements x WHERE ${reached('x.start_date', a, b, 'today')}`;

const documentName = sql.raw(`'"' || coalesce(d.title, d.file_name) || '" of ' || c.name`);

export const alertConditions: AlertCondition[] = [
  {
    kind: 'review_overdue',
    subjectType: 'review',
    source: (p) => sql`reviews r JOIN contractors c ON c.id = r.contractor_id
      WHERE ${openReview} AND r.due_date < ${p.today} AND r.kind <> 'cross_border_confirmation' AND ${liveContractor}`,
    subject: sql.raw('r.id'),
    contractor: sql.raw('r.contractor_id'),
    due: sql.raw('r.due_date'),
    severity: () => sql`'warning'`,
    message: sql`'Overdue: ' || ${reviewLabel} || ' of ' || c.name || ' was due on ' || r.due_date`,
    enters: (a, b) => passed('r.due_date', a, b, 'today'),
  },
  {
    kind: 'review_due_soon',
    subjectType: 'review',
    source: (p) => sql`reviews r JOIN contractors c ON c.id = r.contractor_id
      WHERE ${openReview} AND r.due_date >= ${p.today} AND r.due_date <= ${p.soon}
        AND r.kind <> 'cross_border_confirmation' AND ${liveContractor}`,
    subject: sql.raw('r.id'),
    contractor: sql.raw('r.contractor_id'),
    due: sql.raw('r.due_date'),
    severity: () => sql`'info'`,
    message: sql`'Due soon: ' || ${reviewLabel} || ' of ' || c.name || ' on ' || r.due_date`,
    enters: (a, b) => reached('r.due_date', a, b, 'soon'),
    leaves: (a, b) => sql`SELECT r.id AS id FROM reviews r WHERE ${passed('r.due_date', a, b, 'today')}`,
  },
  {
    kind: 'none_scheduled',
    subjectType: 'contractor',
    source: () => sql`contractors c WHERE c.status = 'active' AND c.next_review_due IS NULL`,
    subject: sql.raw('c.id'),
    contractor: sql.raw('c.id'),
    due: sql`NULL`,
    severity: () => sql`'warning'`,
    message: sql`'No review is scheduled for active contractor ' || c.name`,
  },
  {
    kind: 'agreement_expiring',
    subjectType: 'agreement',
    source: (p) => sql`agreements g JOIN contractors c ON c.id = g.contractor_id
      WHERE g.auto_renew = 0 AND g.end_date >= ${p.today} AND g.end_date <= ${p.expiring}
        AND ${agreementInForce(p)} AND ${liveContractor}`,
    subject: sql.raw('g.id'),
    contractor: sql.raw('g.contractor_id'),
    due: sql.raw('g.end_date'),
    severity: () => sql`'info'`,
    message: sql`'Agreement "' || g.title || '" with ' || c.name || ' ends on ' || g.end_date`,
    enters: (a, b) => reached('g.end_date', a, b, 'expiring'),
    leaves: (
      a,
      b,
    ) => sql`SELECT g.id AS id FROM agreements g WHERE g.auto_renew = 0 AND ${passed('g.end_date', a, b, 'today')}
      UNION ${terminatedBetween(a, b)}`,
  },
  {
    kind: 'agreement_expired',
    subjectType: 'agreement',
    // Still working for us, and no other agreement of the contractor is in force.
    source: (p) => sql`agreements g JOIN contractors c ON c.id = g.contractor_id
      WHERE g.auto_renew = 0 AND g.end_date < ${p.today} AND ${agreementInForce(p)} AND c.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM agreements g2 WHERE g2.contractor_id = g.contractor_id AND g2.id <> g.id
          AND g2.start_date <= ${p.today} AND (g2.terminated_on IS NULL OR g2.terminated_on > ${p.today})
          AND (g2.auto_renew = 1 OR g2.end_date IS NULL OR g2.end_date >= ${p.today}))`,
    subject: sql.raw('g.id'),
    contractor: sql.raw('g.contractor_id'),
    due: sql.raw('g.end_date'),
    severity: () => sql`'critical'`,
    message: sql`'Agreement "' || g.title || '" with active contractor ' || c.name || ' expired on ' || g.end_date`,
    // Another agreement of the contractor starting, ending or terminated moves it too.
    enters: (a, b) => sql`g.contractor_id IN (${agreementDatesCrossed(a, b)})`,
    leaves: (a, b) =>
      sql`SELECT g.id AS id FROM agreements g WHERE g.contractor_id IN (${agreementDatesCrossed(a, b)})`,
  },
  {
    kind: 'agreement_notice_due',
    subjectType: 'agreement',
    source: (p) => sql`agreements g JOIN contractors c ON c.id = g.contractor_id
      WHERE g.auto_renew = 1 AND g.notice_deadline >= ${p.today} AND g.notice_deadline <= ${p.month}
        AND ${agreementInForce(p)} AND ${liveContractor}`,
    subject: sql.raw('g.id'),
    contractor: sql.raw('g.contractor_id'),
    due: sql.raw('g.notice_deadline'),
    severity: () => sql`'warning'`,
    message: sql`'Agreement "' || g.title || '" with ' || c.name || ' renews unless notice is given by ' || g.notice_deadline`,
    enters: (a, b) => reached('g.notice_deadline', a, b, 'month'),
    leaves: (a, b) => sql`SELECT g.id AS id FROM agreements g WHERE ${passed('g.notice_deadline', a, b, 'today')}
      UNION ${terminatedBetween(a, b)}`,
  },
  {
    kind: 'finding_overdue',
    subjectType: 'finding',
    source: (p) => sql`findings f JOIN contractors c ON c.id = f.contractor_id
      WHERE f.status = 'open' AND f.due_date < ${p.today} AND ${liveContractor}`,
    subject: sql.raw('f.id'),
    contractor: sql.raw('f.contractor_id'),
    due: sql.raw('f.due_date'),
    severity: () => sql`'warning'`,
    message: sql`'Corrective action at ' || c.name || ' was due on ' || f.due_date || ': ' || substr(f.description, 1, 120)`,
    enters: (a, b) => passed('f.due_date', a, b, 'today'),
  },
  {
    kind: 'cross_border_confirmation_due',
    subjectType: 'review',
    source: (p) => sql`reviews r JOIN contractors c ON c.id = r.contractor_id
      WHERE ${openReview} AND r.kind = 'cross_border_confirmation' AND r.due_date <= ${p.month} AND ${liveContractor}`,
    subject: sql.raw('r.id'),
    contractor: sql.raw('r.contractor_id'),
    due: sql.raw('r.due_date'),
    severity: (p) => sql`CASE WHEN r.due_date < ${p.today} THEN 'critical' ELSE 'warning' END`,
    message: sql`'Cross-border confirmation (APPI Art. 28) for ' || c.name || ' is due on ' || r.due_date`,
    enters: (a, b) => reached('r.due_date', a, b, 'month'),
  },
  {
    kind: 'document_expiring',
    subjectType: 'document',
    // 60 days ahead; a Privacy Mark from 8 months ahead, when JIPDEC starts taking the
    // renewal application (it must be filed by 4 months before expiry, or the mark lapses).
    source: (p) => sql`documents d JOIN contractors c ON c.id = d.contractor_id
      WHERE d.valid_until >= ${p.today} AND ${documentCurrent} AND ${liveContractor}
        AND d.valid_until <= CASE d.kind WHEN 'privacy_mark' THEN ${p.privacyMarkRenewal} ELSE ${p.expiring} END`,
    subject: sql.raw('d.id'),
    contractor: sql.raw('d.contractor_id'),
    due: sql.raw('d.valid_until'),
    severity: (p) => sql`CASE WHEN d.valid_until <= ${p.expiring} THEN 'warning' ELSE 'info' END`,
    message: sql`CASE d.kind WHEN 'privacy_mark'
      THEN 'Privacy Mark ' || ${documentName} || ' expires on ' || d.valid_until
        || '; the renewal application is due by ' || date(d.valid_until, '-4 months')
      ELSE 'Document ' || ${documentName} || ' expires on ' || d.valid_until END`,
    // Two windows (a UNION, so that each reads documents_valid_until_idx).
    enters: (a, b) => sql`d.id IN (SELECT d.id FROM documents d WHERE ${reached('d.valid_until', a, b, 'expiring')}
      UNION SELECT d.id FROM documents d WHERE ${reached('d.valid_until', a, b, 'privacyMarkRenewal')})`,
    leaves: (a, b) => sql`SELECT d.id AS id FROM documents d WHERE ${passed('d.valid_until', a, b, 'today')}`,
  },
  {
    kind: 'document_expired',
    subjectType: 'document',
    source: (p) => sql`documents d JOIN contractors c ON c.id = d.contractor_id
      WHERE d.valid_until < ${p.today} AND ${documentCurrent} AND ${liveContractor}`,
    subject: sql.raw('d.id'),
    contractor: sql.raw('d.contractor_id'),
    due: sql.raw('d.valid_until'),
    severity: () => sql`'warning'`,
    message: sql`'Document ' || ${documentName} || ' expired on ' || d.valid_until`,
    enters: (a, b) => passed('d.valid_until', a, b, 'today'),
  },
  {
    kind: 'questionnaire_overdue',
    subjectType: 'questionnaire',
    // Still unanswered after its due date (expired links too: compliance resends or
    // revokes); cleared once the answers are in, accepted, or the link is revoked.
    source: (p) => sql`questionnaires q JOIN contractors c ON c.id = q.contractor_id
      WHERE q.status IN (${awaitingAnswers}) AND q.due_date < ${p.today} AND ${liveContractor}`,
    subject: sql.raw('q.id'),
    contractor: sql.raw('q.contractor_id'),
    due: sql.raw('q.due_date'),
    severity: () => sql`'warning'`,
    message: sql`'Questionnaire for "' || c.name || '" was due on ' || q.due_date`,
    enters: (a, b) => passed('q.due_date', a, b, 'today'),
  },
  {
    kind: 'incident_report_due',
    subjectType: 'incident',
    source: (p) => sql`incidents i JOIN contractors c ON c.id = i.contractor_id
      WHERE i.status = 'open' AND i.reportable = 1 AND ${unreportedSoon(p)}`,
    subject: sql.raw('i.id'),
    contractor: sql.raw('i.contractor_id'),
    due: sql.raw(
      `CASE WHEN i.preliminary_reported_on IS NULL AND i.final_reported_on IS NULL THEN i.preliminary_due_on ELSE i.final_due_on END`,
    ),
    severity: (p) => sql`CASE WHEN ${reportOverdue(p)} THEN 'critical' ELSE 'warning' END`,
    message: sql.raw(`CASE WHEN i.preliminary_reported_on IS NULL AND i.final_reported_on IS NULL
      THEN 'Preliminary report to the PPC on the leak at ' || c.name || ' is due on ' || i.preliminary_due_on
      ELSE 'Final report to the PPC on the leak at ' || c.name || ' is due on ' || i.final_due_on END`),
    full: true,
  },
  ...crossBorderConditions,
  ...incidentConditions,
  ...subjectRequestConditions,
];
