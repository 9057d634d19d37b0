CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`contractor_id` text NOT NULL,
	`summary` text NOT NULL,
	`discovered_on` text NOT NULL,
	`affected_count` integer NOT NULL,
	`factor_special_care` integer NOT NULL,
	`factor_financial_harm` integer NOT NULL,
	`factor_wrongful_act` integer NOT NULL,
	`factor_over_thousand` integer NOT NULL,
	`reportable` integer NOT NULL,
	`preliminary_due_on` text,
	`final_due_on` text,
	`preliminary_reported_on` text,
	`final_reported_on` text,
	`subjects_notified_on` text,
	`status` text NOT NULL,
	`closed_on` text,
	`closing_summary` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incidents_contractor_idx` ON `incidents` (`contractor_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `incidents_status_idx` ON `incidents` (`status`,`reportable`,`id`);--> statement-breakpoint
CREATE INDEX `incidents_final_due_idx` ON `incidents` (`status`,`final_due_on`);--> statement-breakpoint
CREATE INDEX `incidents_preliminary_due_idx` ON `incidents` (`status`,`preliminary_due_on`);