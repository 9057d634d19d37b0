-- The sweep does today's work only (src/jobs/sweep.ts). A run after the first one checks
-- (a) every contractor whose supervision data changed since the last successful run, as
-- listed here by the triggers below in the unit of the write itself, whatever wrote it
-- (services, CSV import, CLI, a hand-edited row), and (b) the subjects whose dates the
-- calendar crossed since then. The run empties the list in its own unit and records the
-- day it swept through; without a record (first run, upgrade) it checks everything.
-- Incidents and subject requests are few and always checked in full.
CREATE TABLE `sweep_changes` (
  `contractor_id` text PRIMARY KEY NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `sweep_state` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `swept_through` text NOT NULL,
  `fingerprint` text NOT NULL,
  `run_id` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_contractors_insert` AFTER INSERT ON `contractors`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`id` WHERE NEW.`id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_contractors_update` AFTER UPDATE ON `contractors`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`id` WHERE NEW.`id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`id`);
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`id` WHERE OLD.`id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_contractors_delete` AFTER DELETE ON `contractors`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`id` WHERE OLD.`id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_reviews_insert` AFTER INSERT ON `reviews`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`contractor_id` WHERE NEW.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_reviews_update` AFTER UPDATE ON `reviews`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`contractor_id` WHERE NEW.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`contractor_id`);
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`contractor_id` WHERE OLD.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_reviews_delete` AFTER DELETE ON `reviews`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`contractor_id` WHERE OLD.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_agreements_insert` AFTER INSERT ON `agreements`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`contractor_id` WHERE NEW.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_agreements_update` AFTER UPDATE ON `agreements`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`contractor_id` WHERE NEW.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`contractor_id`);
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`contractor_id` WHERE OLD.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_agreements_delete` AFTER DELETE ON `agreements`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`contractor_id` WHERE OLD.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_findings_insert` AFTER INSERT ON `findings`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`contractor_id` WHERE NEW.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_findings_update` AFTER UPDATE ON `findings`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`contractor_id` WHERE NEW.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`contractor_id`);
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`contractor_id` WHERE OLD.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_findings_delete` AFTER DELETE ON `findings`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`contractor_id` WHERE OLD.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_documents_insert` AFTER INSERT ON `documents`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`contractor_id` WHERE NEW.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_documents_update` AFTER UPDATE ON `documents`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`contractor_id` WHERE NEW.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`contractor_id`);
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`contractor_id` WHERE OLD.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_documents_delete` AFTER DELETE ON `documents`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`contractor_id` WHERE OLD.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_questionnaires_insert` AFTER INSERT ON `questionnaires`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`contractor_id` WHERE NEW.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_questionnaires_update` AFTER UPDATE ON `questionnaires`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`contractor_id` WHERE NEW.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`contractor_id`);
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`contractor_id` WHERE OLD.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_questionnaires_delete` AFTER DELETE ON `questionnaires`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`contractor_id` WHERE OLD.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`contractor_id`);
END;
--> statement-breakpoint
-- Someone resolved an alert whose condition may still hold: the next run checks it again
-- (and raises it anew if so). The sweep's own resolutions are by 'system'.
CREATE TRIGGER `sweep_changes_alerts_resolved` AFTER UPDATE OF `status` ON `alerts`
WHEN NEW.`status` = 'resolved' AND OLD.`status` <> 'resolved' AND coalesce(NEW.`resolved_by`, '') <> 'system'
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT NEW.`contractor_id` WHERE NEW.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = NEW.`contractor_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_alerts_delete` AFTER DELETE ON `alerts`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`) SELECT OLD.`contractor_id` WHERE OLD.`contractor_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `sweep_changes` WHERE `contractor_id` = OLD.`contractor_id`);
END;
--> statement-breakpoint
-- The latest completed cross-border confirmation of a contractor, and whether it failed,
-- in one seek (Enforcement Rules Art. 18(1)(ii)); without it the check read every one.
CREATE INDEX `reviews_cross_border_done_idx` ON `reviews` (`contractor_id`, `completed_on`, `updated_at`, `id`, `outcome`)
  WHERE `kind` = 'cross_border_confirmation' AND `status` = 'completed';
--> statement-breakpoint
-- Agreements whose termination day the calendar crossed.
CREATE INDEX `agreements_terminated_idx` ON `agreements` (`terminated_on`) WHERE `terminated_on` IS NOT NULL;
--> statement-breakpoint
-- Alerts still to escalate: once escalated they leave the index, so the check stays small.
CREATE INDEX `alerts_escalate_idx` ON `alerts` (`raised_at`) WHERE `status` = 'open' AND `escalated_at` IS NULL;
