CREATE TABLE `questionnaire_answers` (
	`questionnaire_id` text NOT NULL,
	`question_id` text NOT NULL,
	`value` text,
	`comment` text,
	`reviewer_comment` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`questionnaire_id`, `question_id`),
	FOREIGN KEY (`questionnaire_id`) REFERENCES `questionnaires`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `questionnaire_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`name_ja` text NOT NULL,
	`name_en` text NOT NULL,
	`based_on` text,
	`sections` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `questionnaires` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`contractor_id` text NOT NULL,
	`template_id` text NOT NULL,
	`template_version` integer NOT NULL,
	`template` text NOT NULL,
	`language` text NOT NULL,
	`recipient_name` text NOT NULL,
	`recipient_email` text NOT NULL,
	`due_date` text NOT NULL,
	`expires_at` text NOT NULL,
	`status` text NOT NULL,
	`token_hash` text NOT NULL,
	`token_sealed` text NOT NULL,
	`sent_at` text NOT NULL,
	`sent_by` text NOT NULL,
	`submitted_at` text,
	`returned_at` text,
	`accepted_at` text,
	`accepted_by` text,
	`revoked_at` text,
	`revoked_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questionnaires_token_uq` ON `questionnaires` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `questionnaires_live_review_uq` ON `questionnaires` (`review_id`) WHERE "questionnaires"."status" <> 'revoked';--> statement-breakpoint
CREATE INDEX `questionnaires_contractor_idx` ON `questionnaires` (`contractor_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `questionnaires_status_due_idx` ON `questionnaires` (`status`,`due_date`,`id`);--> statement-breakpoint
ALTER TABLE `documents` ADD `questionnaire_id` text REFERENCES questionnaires(id);--> statement-breakpoint
ALTER TABLE `documents` ADD `question_id` text;--> statement-breakpoint
CREATE INDEX `documents_questionnaire_idx` ON `documents` (`questionnaire_id`,`question_id`);--> statement-breakpoint
ALTER TABLE `reviews` ADD `checklist_basic_policy` text DEFAULT 'not_assessed' NOT NULL;--> statement-breakpoint
ALTER TABLE `reviews` ADD `checklist_handling_rules` text DEFAULT 'not_assessed' NOT NULL;--> statement-breakpoint
ALTER TABLE `reviews` ADD `checklist_external_environment` text DEFAULT 'not_assessed' NOT NULL;