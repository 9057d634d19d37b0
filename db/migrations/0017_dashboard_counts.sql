-- The dashboard's counts, kept by triggers in the unit of every write that changes them
-- (services, CSV import, CLI, raw SQL alike), so that the summary sums a few thousand
-- date rows instead of scanning 1M reviews and 300k agreements per request. Each table
-- keeps exactly the columns the summary's predicates read (src/modules/dashboard/
-- dashboard.repo.ts), with '' standing for NULL (a primary key cannot hold NULL); rows
-- whose counts fall to zero are removed. The scan these counts replace is kept in
-- dashboard-scan.repo.ts and checked against them (tests/api/dashboard-counts.test.ts).
--
-- Contractors by lifecycle status, effective risk tier and next review due.
CREATE TABLE `dashboard_contractor_counts` (
  `status` text NOT NULL,
  `risk_tier` text NOT NULL,
  `next_review_due` text NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`status`, `risk_tier`, `next_review_due`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `dashboard_contractor_counts` (status, risk_tier, next_review_due, n)
SELECT status, risk_tier, coalesce(next_review_due, ''), count(*) FROM contractors
GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE TRIGGER `dashboard_contractors_insert` AFTER INSERT ON `contractors`
BEGIN
  INSERT INTO dashboard_contractor_counts (status, risk_tier, next_review_due, n)
  VALUES (NEW.status, NEW.risk_tier, coalesce(NEW.next_review_due, ''), 1)
  ON CONFLICT (status, risk_tier, next_review_due) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_contractors_delete` AFTER DELETE ON `contractors`
BEGIN
  UPDATE dashboard_contractor_counts SET n = n - 1
   WHERE status = OLD.status AND risk_tier = OLD.risk_tier AND next_review_due = coalesce(OLD.next_review_due, '');
  DELETE FROM dashboard_contractor_counts
   WHERE status = OLD.status AND risk_tier = OLD.risk_tier AND next_review_due = coalesce(OLD.next_review_due, '')
     AND n = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_contractors_update` AFTER UPDATE OF `status`, `risk_tier`, `next_review_due` ON `contractors`
WHEN OLD.status IS NOT NEW.status OR OLD.risk_tier IS NOT NEW.risk_tier
  OR OLD.next_review_due IS NOT NEW.next_review_due
BEGIN
  UPDATE dashboard_contractor_counts SET n = n - 1
   WHERE status = OLD.status AND risk_tier = OLD.risk_tier AND next_review_due = coalesce(OLD.next_review_due, '');
  DELETE FROM dashboard_contractor_counts
   WHERE status = OLD.status AND risk_tier = OLD.risk_tier AND next_review_due = coalesce(OLD.next_review_due, '')
     AND n = 0;
  INSERT INTO dashboard_contractor_counts (status, risk_tier, next_review_due, n)
  VALUES (NEW.status, NEW.risk_tier, coalesce(NEW.next_review_due, ''), 1)
  ON CONFLICT (status, risk_tier, next_review_due) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- Reviews per calendar day: open ones by due date, not cancelled ones by due date (the
-- monthly chart), completed ones by completion date.
CREATE TABLE `dashboard_review_days` (
  `day` text PRIMARY KEY NOT NULL,
  `open_n` integer NOT NULL,
  `due_n` integer NOT NULL,
  `done_n` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `dashboard_review_days` (day, open_n, due_n, done_n)
SELECT due_date, sum(status IN ('scheduled', 'in_progress')), count(*), 0 FROM reviews
WHERE status <> 'cancelled' GROUP BY due_date;
--> statement-breakpoint
INSERT INTO `dashboard_review_days` (day, open_n, due_n, done_n)
SELECT completed_on, 0, 0, count(*) FROM reviews
WHERE status = 'completed' AND completed_on IS NOT NULL GROUP BY completed_on
ON CONFLICT (day) DO UPDATE SET done_n = done_n + excluded.done_n;
--> statement-breakpoint
CREATE TRIGGER `dashboard_reviews_insert` AFTER INSERT ON `reviews`
BEGIN
  INSERT INTO dashboard_review_days (day, open_n, due_n, done_n)
  SELECT NEW.due_date, NEW.status IN ('scheduled', 'in_progress'), 1, 0 WHERE NEW.status <> 'cancelled'
  ON CONFLICT (day) DO UPDATE SET open_n = open_n + excluded.open_n, due_n = due_n + 1;
  INSERT INTO dashboard_review_days (day, open_n, due_n, done_n)
  SELECT NEW.completed_on, 0, 0, 1 WHERE NEW.status = 'completed' AND NEW.completed_on IS NOT NULL
  ON CONFLICT (day) DO UPDATE SET done_n = done_n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_reviews_delete` AFTER DELETE ON `reviews`
BEGIN
  UPDATE dashboard_review_days SET open_n = open_n - (OLD.status IN ('scheduled', 'in_progress')), due_n = due_n - 1
   WHERE day = OLD.due_date AND OLD.status <> 'cancelled';
  UPDATE dashboard_review_days SET done_n = done_n - 1
   WHERE day = OLD.completed_on AND OLD.status = 'completed';
  DELETE FROM dashboard_review_days
   WHERE day IN (OLD.due_date, OLD.completed_on) AND open_n = 0 AND due_n = 0 AND done_n = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_reviews_update` AFTER UPDATE OF `status`, `due_date`, `completed_on` ON `reviews`
WHEN OLD.status IS NOT NEW.status OR OLD.due_date IS NOT NEW.due_date OR OLD.completed_on IS NOT NEW.completed_on
BEGIN
  UPDATE dashboard_review_days SET open_n = open_n - (OLD.status IN ('scheduled', 'in_progress')), due_n = due_n - 1
   WHERE day = OLD.due_date AND OLD.status <> 'cancelled';
  UPDATE dashboard_review_days SET done_n = done_n - 1
   WHERE day = OLD.completed_on AND OLD.status = 'completed';
  DELETE FROM dashboard_review_days
   WHERE day IN (OLD.due_date, OLD.completed_on) AND open_n = 0 AND due_n = 0 AND done_n = 0;
  INSERT INTO dashboard_review_days (day, open_n, due_n, done_n)
  SELECT NEW.due_date, NEW.status IN ('scheduled', 'in_progress'), 1, 0 WHERE NEW.status <> 'cancelled'
  ON CONFLICT (day) DO UPDATE SET open_n = open_n + excluded.open_n, due_n = due_n + 1;
  INSERT INTO dashboard_review_days (day, open_n, due_n, done_n)
  SELECT NEW.completed_on, 0, 0, 1 WHERE NEW.status = 'completed' AND NEW.completed_on IS NOT NULL
  ON CONFLICT (day) DO UPDATE SET done_n = done_n + 1;
END;
--> statement-breakpoint
-- Agreements by the end date that can expire (a fixed term: not auto-renewing), the
-- termination date and whether clauses are missing (APPI Art. 25; 通則編 3-4-4 (2)).
CREATE TABLE `dashboard_agreement_counts` (
  `fixed_end_date` text NOT NULL,
  `terminated_on` text NOT NULL,
  `has_gaps` integer NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`fixed_end_date`, `terminated_on`, `has_gaps`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `dashboard_agreement_counts` (fixed_end_date, terminated_on, has_gaps, n)
SELECT CASE WHEN auto_renew = 0 THEN coalesce(end_date, '') ELSE '' END, coalesce(terminated_on, ''),
  missing_clause_count > 0, count(*)
FROM agreements GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE TRIGGER `dashboard_agreements_insert` AFTER INSERT ON `agreements`
BEGIN
  INSERT INTO dashboard_agreement_counts (fixed_end_date, terminated_on, has_gaps, n)
  VALUES (CASE WHEN NEW.auto_renew = 0 THEN coalesce(NEW.end_date, '') ELSE '' END, coalesce(NEW.terminated_on, ''),
    NEW.missing_clause_count > 0, 1)
  ON CONFLICT (fixed_end_date, terminated_on, has_gaps) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_agreements_delete` AFTER DELETE ON `agreements`
BEGIN
  UPDATE dashboard_agreement_counts SET n = n - 1
   WHERE fixed_end_date = CASE WHEN OLD.auto_renew = 0 THEN coalesce(OLD.end_date, '') ELSE '' END
     AND terminated_on = coalesce(OLD.terminated_on, '') AND has_gaps = (OLD.missing_clause_count > 0);
  DELETE FROM dashboard_agreement_counts
   WHERE fixed_end_date = CASE WHEN OLD.auto_renew = 0 THEN coalesce(OLD.end_date, '') ELSE '' END
     AND terminated_on = coalesce(OLD.terminated_on, '') AND has_gaps = (OLD.missing_clause_count > 0) AND n = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_agreements_update`
AFTER UPDATE OF `auto_renew`, `end_date`, `terminated_on`, `missing_clause_count` ON `agreements`
WHEN OLD.auto_renew IS NOT NEW.auto_renew OR OLD.end_date IS NOT NEW.end_date
  OR OLD.terminated_on IS NOT NEW.terminated_on OR OLD.missing_clause_count IS NOT NEW.missing_clause_count
BEGIN
  UPDATE dashboard_agreement_counts SET n = n - 1
   WHERE fixed_end_date = CASE WHEN OLD.auto_renew = 0 THEN coalesce(OLD.end_date, '') ELSE '' END
     AND terminated_on = coalesce(OLD.terminated_on, '') AND has_gaps = (OLD.missing_clause_count > 0);
  DELETE FROM dashboard_agreement_counts
   WHERE fixed_end_date = CASE WHEN OLD.auto_renew = 0 THEN coalesce(OLD.end_date, '') ELSE '' END
     AND terminated_on = coalesce(OLD.terminated_on, '') AND has_gaps = (OLD.missing_clause_count > 0) AND n = 0;
  INSERT INTO dashboard_agreement_counts (fixed_end_date, terminated_on, has_gaps, n)
  VALUES (CASE WHEN NEW.auto_renew = 0 THEN coalesce(NEW.end_date, '') ELSE '' END, coalesce(NEW.terminated_on, ''),
    NEW.missing_clause_count > 0, 1)
  ON CONFLICT (fixed_end_date, terminated_on, has_gaps) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- Open findings by the due date of their corrective action.
CREATE TABLE `dashboard_finding_days` (
  `due_date` text PRIMARY KEY NOT NULL,
  `n` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `dashboard_finding_days` (due_date, n)
SELECT due_date, count(*) FROM findings WHERE status = 'open' GROUP BY due_date;
--> statement-breakpoint
CREATE TRIGGER `dashboard_findings_insert` AFTER INSERT ON `findings` WHEN NEW.status = 'open'
BEGIN
  INSERT INTO dashboard_finding_days (due_date, n) VALUES (NEW.due_date, 1)
  ON CONFLICT (due_date) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_findings_delete` AFTER DELETE ON `findings` WHEN OLD.status = 'open'
BEGIN
  UPDATE dashboard_finding_days SET n = n - 1 WHERE due_date = OLD.due_date;
  DELETE FROM dashboard_finding_days WHERE due_date = OLD.due_date AND n = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_findings_update` AFTER UPDATE OF `status`, `due_date` ON `findings`
WHEN OLD.status IS NOT NEW.status OR OLD.due_date IS NOT NEW.due_date
BEGIN
  UPDATE dashboard_finding_days SET n = n - 1 WHERE due_date = OLD.due_date AND OLD.status = 'open';
  DELETE FROM dashboard_finding_days WHERE due_date = OLD.due_date AND n = 0;
  INSERT INTO dashboard_finding_days (due_date, n) SELECT NEW.due_date, 1 WHERE NEW.status = 'open'
  ON CONFLICT (due_date) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- Unresolved (open or acknowledged) alerts by severity.
CREATE TABLE `dashboard_alert_counts` (
  `severity` text PRIMARY KEY NOT NULL,
  `n` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `dashboard_alert_counts` (severity, n)
SELECT severity, count(*) FROM alerts WHERE status <> 'resolved' GROUP BY severity;
--> statement-breakpoint
CREATE TRIGGER `dashboard_alerts_insert` AFTER INSERT ON `alerts` WHEN NEW.status <> 'resolved'
BEGIN
  INSERT INTO dashboard_alert_counts (severity, n) VALUES (NEW.severity, 1)
  ON CONFLICT (severity) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_alerts_delete` AFTER DELETE ON `alerts` WHEN OLD.status <> 'resolved'
BEGIN
  UPDATE dashboard_alert_counts SET n = n - 1 WHERE severity = OLD.severity;
  DELETE FROM dashboard_alert_counts WHERE severity = OLD.severity AND n = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_alerts_update` AFTER UPDATE OF `status`, `severity` ON `alerts`
WHEN OLD.status IS NOT NEW.status OR OLD.severity IS NOT NEW.severity
BEGIN
  UPDATE dashboard_alert_counts SET n = n - 1 WHERE severity = OLD.severity AND OLD.status <> 'resolved';
  DELETE FROM dashboard_alert_counts WHERE severity = OLD.severity AND n = 0;
  INSERT INTO dashboard_alert_counts (severity, n) SELECT NEW.severity, 1 WHERE NEW.status <> 'resolved'
  ON CONFLICT (severity) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- The dashboard page's lists: the earliest open reviews, and the agreements with the most
-- missing clauses, read in index order rather than sorted out of every match.
CREATE INDEX `dashboard_reviews_open_due_idx` ON `reviews` (`due_date`, `id`)
WHERE status IN ('scheduled', 'in_progress');
--> statement-breakpoint
CREATE INDEX `dashboard_agreements_gaps_idx` ON `agreements` (`missing_clause_count` DESC, `id`)
WHERE missing_clause_count > 0;
