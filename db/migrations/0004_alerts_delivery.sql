CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`contractor_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`due_date` text,
	`message` text NOT NULL,
	`status` text NOT NULL,
	`raised_at` text NOT NULL,
	`raised_run` text,
	`acknowledged_at` text,
	`acknowledged_by` text,
	`resolved_at` text,
	`resolved_by` text,
	`resolution_note` text,
	`escalated_at` text,
	`escalated_run` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_one_unresolved_uq` ON `alerts` (`kind`,`subject_id`) WHERE "alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX `alerts_status_idx` ON `alerts` (`status`,`raised_at`,`id`);--> statement-breakpoint
CREATE INDEX `alerts_contractor_idx` ON `alerts` (`contractor_id`,`status`);--> statement-breakpoint
CREATE INDEX `alerts_kind_idx` ON `alerts` (`kind`,`status`);--> statement-breakpoint
CREATE INDEX `alerts_raised_run_idx` ON `alerts` (`raised_run`);--> statement-breakpoint
CREATE INDEX `alerts_escalated_run_idx` ON `alerts` (`escalated_run`);--> statement-breakpoint
CREATE TABLE `delivery_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`outbox_id` text NOT NULL,
	`channel` text NOT NULL,
	`target` text NOT NULL,
	`event_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`attempted_at` text NOT NULL,
	`ok` integer NOT NULL,
	`status_code` integer,
	`error` text,
	`duration_ms` integer NOT NULL,
	`next_attempt_at` text
);
--> statement-breakpoint
CREATE INDEX `delivery_attempts_target_idx` ON `delivery_attempts` (`target`,`attempted_at`,`id`);--> statement-breakpoint
CREATE TABLE `job_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`job` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`counts` text,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `job_runs_started_idx` ON `job_runs` (`started_at`,`id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`target` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`delivered_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_event_uq` ON `outbox` (`channel`,`target`,`event_id`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`events` text NOT NULL,
	`description` text,
	`active` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
ALTER TABLE `agreements` ADD `current_end_date` text;--> statement-breakpoint
ALTER TABLE `agreements` ADD `notice_deadline` text;--> statement-breakpoint
CREATE INDEX `agreements_current_end_idx` ON `agreements` (`auto_renew`,`current_end_date`);--> statement-breakpoint
CREATE INDEX `agreements_notice_idx` ON `agreements` (`notice_deadline`);--> statement-breakpoint
UPDATE `agreements` SET `current_end_date` = `end_date`, `notice_deadline` = CASE WHEN `end_date` IS NOT NULL AND `notice_period_days` IS NOT NULL THEN date(`end_date`, '-' || `notice_period_days` || ' days') END WHERE `current_end_date` IS NULL;
