-- The incremental sweep's change list says which tables changed for each contractor
-- (a bit per table; src/jobs/sweep.statements.ts reads it). A condition re-checks a listed
-- contractor only when a table it reads changed: an agreement rolled forward re-checks
-- the agreement conditions of its contractor, not its reviews, findings and documents.
-- Contractors listed before this migration are re-checked by every condition (127).
-- Bits: contractors 1, reviews 2, agreements 4, findings 8, documents 16,
-- questionnaires 32, alerts resolved or deleted by a person 64.
ALTER TABLE `sweep_changes` ADD COLUMN `tables` integer NOT NULL DEFAULT 127;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_contractors_insert`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_contractors_insert` AFTER INSERT ON `contractors`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`id`, 1 WHERE NEW.`id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_contractors_update`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_contractors_update` AFTER UPDATE ON `contractors`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`id`, 1 WHERE NEW.`id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`id`, 1 WHERE OLD.`id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_contractors_delete`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_contractors_delete` AFTER DELETE ON `contractors`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`id`, 1 WHERE OLD.`id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_reviews_insert`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_reviews_insert` AFTER INSERT ON `reviews`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`contractor_id`, 2 WHERE NEW.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_reviews_update`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_reviews_update` AFTER UPDATE ON `reviews`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`contractor_id`, 2 WHERE NEW.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`contractor_id`, 2 WHERE OLD.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_reviews_delete`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_reviews_delete` AFTER DELETE ON `reviews`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`contractor_id`, 2 WHERE OLD.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_agreements_insert`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_agreements_insert` AFTER INSERT ON `agreements`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`contractor_id`, 4 WHERE NEW.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_agreements_update`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_agreements_update` AFTER UPDATE ON `agreements`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`contractor_id`, 4 WHERE NEW.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`contractor_id`, 4 WHERE OLD.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_agreements_delete`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_agreements_delete` AFTER DELETE ON `agreements`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`contractor_id`, 4 WHERE OLD.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_findings_insert`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_findings_insert` AFTER INSERT ON `findings`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`contractor_id`, 8 WHERE NEW.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_findings_update`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_findings_update` AFTER UPDATE ON `findings`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`contractor_id`, 8 WHERE NEW.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`contractor_id`, 8 WHERE OLD.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_findings_delete`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_findings_delete` AFTER DELETE ON `findings`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`contractor_id`, 8 WHERE OLD.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_documents_insert`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_documents_insert` AFTER INSERT ON `documents`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`contractor_id`, 16 WHERE NEW.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_documents_update`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_documents_update` AFTER UPDATE ON `documents`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`contractor_id`, 16 WHERE NEW.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`contractor_id`, 16 WHERE OLD.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_documents_delete`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_documents_delete` AFTER DELETE ON `documents`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`contractor_id`, 16 WHERE OLD.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_questionnaires_insert`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_questionnaires_insert` AFTER INSERT ON `questionnaires`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`contractor_id`, 32 WHERE NEW.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_questionnaires_update`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_questionnaires_update` AFTER UPDATE ON `questionnaires`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`contractor_id`, 32 WHERE NEW.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`contractor_id`, 32 WHERE OLD.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_questionnaires_delete`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_questionnaires_delete` AFTER DELETE ON `questionnaires`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`contractor_id`, 32 WHERE OLD.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_alerts_resolved`;
--> statement-breakpoint
-- Someone resolved an alert whose condition may still hold: the next run checks it again
-- (and raises it anew if so). The sweep's own resolutions are by 'system'.
CREATE TRIGGER `sweep_changes_alerts_resolved` AFTER UPDATE OF `status` ON `alerts`
WHEN NEW.`status` = 'resolved' AND OLD.`status` <> 'resolved' AND coalesce(NEW.`resolved_by`, '') <> 'system'
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT NEW.`contractor_id`, 64 WHERE NEW.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
--> statement-breakpoint
DROP TRIGGER `sweep_changes_alerts_delete`;
--> statement-breakpoint
CREATE TRIGGER `sweep_changes_alerts_delete` AFTER DELETE ON `alerts`
BEGIN
  INSERT INTO `sweep_changes` (`contractor_id`, `tables`) SELECT OLD.`contractor_id`, 64 WHERE OLD.`contractor_id` IS NOT NULL
    ON CONFLICT (`contractor_id`) DO UPDATE SET `tables` = `tables` | excluded.`tables`
    WHERE (`tables` & excluded.`tables`) = 0;
END;
