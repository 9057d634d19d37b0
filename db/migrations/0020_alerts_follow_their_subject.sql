-- An unresolved alert belongs to the contractor its subject belongs to now. Alerts are
-- raised with the subject's contractor; when a review, agreement, finding, document or
-- questionnaire is moved to another contractor (a corrected import, a merged duplicate, a
-- hand-edited row), its unresolved alerts move with it in the unit of the write. Otherwise
-- the alert would stay listed under the old contractor, and the incremental sweep, which
-- re-checks the alerts of the contractors a write touched, would not re-check it when the
-- subject later changes under its new contractor. Resolved alerts keep the contractor they
-- were resolved under: they are history. The lookup reads alerts_contractor_idx.
CREATE TRIGGER `alerts_follow_reviews` AFTER UPDATE OF `contractor_id` ON `reviews`
WHEN NEW.`contractor_id` IS NOT OLD.`contractor_id`
BEGIN
  UPDATE `alerts` SET `contractor_id` = NEW.`contractor_id`, `version` = `version` + 1
  WHERE `contractor_id` = OLD.`contractor_id` AND `status` <> 'resolved' AND `subject_type` = 'review'
    AND `subject_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `alerts_follow_agreements` AFTER UPDATE OF `contractor_id` ON `agreements`
WHEN NEW.`contractor_id` IS NOT OLD.`contractor_id`
BEGIN
  UPDATE `alerts` SET `contractor_id` = NEW.`contractor_id`, `version` = `version` + 1
  WHERE `contractor_id` = OLD.`contractor_id` AND `status` <> 'resolved' AND `subject_type` = 'agreement'
    AND `subject_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `alerts_follow_findings` AFTER UPDATE OF `contractor_id` ON `findings`
WHEN NEW.`contractor_id` IS NOT OLD.`contractor_id`
BEGIN
  UPDATE `alerts` SET `contractor_id` = NEW.`contractor_id`, `version` = `version` + 1
  WHERE `contractor_id` = OLD.`contractor_id` AND `status` <> 'resolved' AND `subject_type` = 'finding'
    AND `subject_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `alerts_follow_documents` AFTER UPDATE OF `contractor_id` ON `documents`
WHEN NEW.`contractor_id` IS NOT OLD.`contractor_id`
BEGIN
  UPDATE `alerts` SET `contractor_id` = NEW.`contractor_id`, `version` = `version` + 1
  WHERE `contractor_id` = OLD.`contractor_id` AND `status` <> 'resolved' AND `subject_type` = 'document'
    AND `subject_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `alerts_follow_questionnaires` AFTER UPDATE OF `contractor_id` ON `questionnaires`
WHEN NEW.`contractor_id` IS NOT OLD.`contractor_id`
BEGIN
  UPDATE `alerts` SET `contractor_id` = NEW.`contractor_id`, `version` = `version` + 1
  WHERE `contractor_id` = OLD.`contractor_id` AND `status` <> 'resolved' AND `subject_type` = 'questionnaire'
    AND `subject_id` = OLD.`id`;
END;
