import { sql } from 'drizzle-orm';
import type { AlertCondition } from '../sweep.params';

/**
 * The contractor an alert about a request names: the first (by name) still to answer,
 * else the first with a task. An alert needs a contractor (its inbox, e-mail and webhook
 * name one), so a request no contractor holds data for raises none: the list's overdue
 * filter shows it.
 */
const chased =
  sql.raw(`(SELECT t.contractor_id FROM subject_request_tasks t JOIN contractors c ON c.id = t.contractor_id
  WHERE t.request_id = s.id ORDER BY t.answered_on IS NOT NULL, c.name, c.id LIMIT 1)`);

/** Alert conditions of Requests from the people whose data it is (APPI Art. 33–35). */
export const subjectRequestConditions: AlertCondition[] = [
  {
    // 「遅滞なく」 (Art. 33(2), 34(2), 35(2)/(4)/(6)) measured against the internal target:
    // from three days before it, critical once it has passed.
    kind: 'subject_request_due',
    subjectType: 'subject_request',
    full: true,
    source: (p) => sql`subject_requests s
      WHERE s.status = 'open' AND s.due_on <= ${p.requestWarn}
        AND EXISTS (SELECT 1 FROM subject_request_tasks t WHERE t.request_id = s.id)`,
    subject: sql.raw('s.id'),
    contractor: chased,
    due: sql.raw('s.due_on'),
    severity: (p) => sql`CASE WHEN s.due_on < ${p.today} THEN 'critical' ELSE 'warning' END`,
    message: sql.raw(`'Request ' || s.reference || ' from the person (' || replace(s.kind, '_', ' ') || ') is due on '
      || s.due_on || '; contractors still to answer: '
      || (SELECT count(*) FROM subject_request_tasks t WHERE t.request_id = s.id AND t.answered_on IS NULL)`),
  },
];
