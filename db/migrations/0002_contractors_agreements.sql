CREATE TABLE `agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`contractor_id` text NOT NULL,
	`title` text NOT NULL,
	`reference` text,
	`purpose` text NOT NULL,
	`data_categories` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`auto_renew` integer NOT NULL,
	`renewal_term_months` integer,
	`notice_period_days` integer,
	`reconsignment` text NOT NULL,
	`clause_responsibilities` integer NOT NULL,
	`clause_security_measures` integer NOT NULL,
	`clause_reconsignment` integer NOT NULL,
	`clause_reporting` integer NOT NULL,
	`clause_compliance_checks` integer NOT NULL,
	`clause_breach_of_contract` integer NOT NULL,
	`clause_incident_reporting` integer NOT NULL,
	`clause_after_termination` integer NOT NULL,
	`missing_clause_count` integer NOT NULL,
	`terminated_on` text,
	`disposition_method` text,
	`disposition_confirmed_on` text,
	`disposition_evidence` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreements_contractor_idx` ON `agreements` (`contractor_id`,`id`);--> statement-breakpoint
CREATE INDEX `agreements_end_idx` ON `agreements` (`auto_renew`,`end_date`);--> statement-breakpoint
CREATE INDEX `agreements_start_idx` ON `agreements` (`start_date`);--> statement-breakpoint
CREATE INDEX `agreements_gaps_idx` ON `agreements` (`missing_clause_count`);--> statement-breakpoint
CREATE TABLE `contractors` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_kana` text,
	`search_text` text NOT NULL,
	`corporate_number` text,
	`country` text NOT NULL,
	`contact_name` text,
	`contact_email` text,
	`services` text,
	`data_categories` text NOT NULL,
	`handles_special_care` integer NOT NULL,
	`handles_payment_data` integer NOT NULL,
	`subject_count` integer NOT NULL,
	`system_access` integer NOT NULL,
	`parent_id` text,
	`cross_border_basis` text,
	`status` text NOT NULL,
	`risk_tier` text NOT NULL,
	`risk_factors` text NOT NULL,
	`risk_tier_override` text,
	`risk_override_reason` text,
	`next_review_due` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contractors_status_idx` ON `contractors` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `contractors_risk_idx` ON `contractors` (`risk_tier`,`id`);--> statement-breakpoint
CREATE INDEX `contractors_parent_idx` ON `contractors` (`parent_id`,`id`);--> statement-breakpoint
CREATE INDEX `contractors_next_due_idx` ON `contractors` (`next_review_due`,`id`);--> statement-breakpoint
CREATE INDEX `contractors_corporate_number_idx` ON `contractors` (`corporate_number`);--> statement-breakpoint
CREATE TABLE `write_guard` (
	`id` integer PRIMARY KEY NOT NULL,
	`changed` integer NOT NULL,
	CONSTRAINT "write_guard_one_row_changed" CHECK("write_guard"."changed" = 1)
);
