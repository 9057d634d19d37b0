CREATE TABLE `extra_holidays` (
	`day` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `provision_records` (
	`id` text PRIMARY KEY NOT NULL,
	`contractor_id` text NOT NULL,
	`provided_from` text NOT NULL,
	`provided_until` text,
	`country` text NOT NULL,
	`data_categories` text NOT NULL,
	`subjects` text NOT NULL,
	`items` text NOT NULL,
	`consent_note` text,
	`retain_until` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `provision_records_contractor_idx` ON `provision_records` (`contractor_id`,`provided_from`,`id`);--> statement-breakpoint
CREATE INDEX `provision_records_retain_idx` ON `provision_records` (`retain_until`,`id`);--> statement-breakpoint
CREATE TABLE `subject_request_tasks` (
	`request_id` text NOT NULL,
	`contractor_id` text NOT NULL,
	`forwarded_on` text,
	`answered_on` text,
	`outcome` text,
	`note` text,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`request_id`, `contractor_id`),
	FOREIGN KEY (`request_id`) REFERENCES `subject_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subject_request_tasks_contractor_idx` ON `subject_request_tasks` (`contractor_id`,`request_id`);--> statement-breakpoint
CREATE TABLE `subject_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`received_on` text NOT NULL,
	`data_categories` text NOT NULL,
	`reference` text NOT NULL,
	`status` text NOT NULL,
	`due_on` text NOT NULL,
	`outcome` text,
	`refusal_ground` text,
	`refusal_reason` text,
	`closed_on` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `subject_requests_status_due_idx` ON `subject_requests` (`status`,`due_on`,`id`);--> statement-breakpoint
CREATE INDEX `subject_requests_received_idx` ON `subject_requests` (`received_on`,`id`);--> statement-breakpoint
ALTER TABLE `contractors` ADD `processing_countries` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `contractors` ADD `cross_border_consent` text;--> statement-breakpoint
ALTER TABLE `contractors` ADD `country_notes` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `contractors` ADD `reconsignment_approval` text;--> statement-breakpoint
ALTER TABLE `contractors` ADD `my_number_permission` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `factor_highly_encrypted` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `encryption_note` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `contractor_aware_on` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `contractor_notified_on` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `became_reportable_on` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `reported_jointly` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `authority` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `alternative_notice` text;