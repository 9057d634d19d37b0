import { sql } from 'drizzle-orm';
import { CONTRACTOR_NOTICE_DAYS } from '../../domain/incident-deadlines';
import type { AlertCondition } from '../sweep.params';

/** The day a contractor aware on `aware` should have told us by: day N counting that day as day 1. */
const noticeDue = sql.raw(`date(i.contractor_aware_on, '+${CONTRACTOR_NOTICE_DAYS - 1} days')`);

/** Alert conditions of Leak incidents beyond the report deadlines (APPI Art. 26; Rules Art. 7–10). */
export const incidentConditions: AlertCondition[] = [
  {
    // Rules Art. 9; 通則編 3-5-3-5: a contractor tells its consignor "promptly", which the
    // guidelines measure as about 3–5 days (3-5-3-3). Agreements record no stricter number of
    // days, so the guideline's upper end applies. A supervision matter: the alert stays while
    // the incident is open (closing it, or correcting the dates, resolves it).
    kind: 'contractor_notice_late',
    subjectType: 'incident',
    full: true,
    source: () => sql`incidents i JOIN contractors c ON c.id = i.contractor_id
      WHERE i.status = 'open' AND i.contractor_aware_on IS NOT NULL AND i.contractor_notified_on IS NOT NULL
        AND i.contractor_notified_on > ${noticeDue}`,
    subject: sql.raw('i.id'),
    contractor: sql.raw('i.contractor_id'),
    due: noticeDue,
    severity: () => sql`'warning'`,
    message: sql`c.name || ' learned of the leak on ' || i.contractor_aware_on || ' but told us only on ' || i.contractor_notified_on || ' (due by ' || ${noticeDue} || ')'`,
  },
  {
    // APPI Art. 26(2), Rules Art. 10: notice to the individuals 「当該事態の状況に応じて速やか
    // に」 (通則編 3-5-4-2), with items 1, 2, 4, 5 and 9 of the report (Rules Art. 8(1)). Those
    // are what the 速報 already states, and the 速報 asks where the notice stands (item 6), so
    // from the 速報 on (or from its day 5 when none was made) a missing notice is flagged.
    kind: 'subject_notice_missing',
    subjectType: 'incident',
    full: true,
    source: (p) => sql`incidents i JOIN contractors c ON c.id = i.contractor_id
      WHERE i.status = 'open' AND i.reportable = 1
        AND i.subjects_notified_on IS NULL AND i.alternative_notice IS NULL
        AND (i.preliminary_reported_on IS NOT NULL OR i.final_reported_on IS NOT NULL OR i.preliminary_due_on < ${p.today})`,
    subject: sql.raw('i.id'),
    contractor: sql.raw('i.contractor_id'),
    due: sql.raw('coalesce(i.preliminary_reported_on, i.final_reported_on, i.preliminary_due_on)'),
    severity: () => sql`'warning'`,
    message: sql`'The people affected by the leak at ' || c.name || ' have not been notified, and no public announcement or inquiry desk is recorded'`,
  },
];
