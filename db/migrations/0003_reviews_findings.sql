CREATE TABLE `findings` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text,
	`contractor_id` text NOT NULL,
	`severity` text NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text NOT NULL,
	`resolved_on` text,
	`resolution_note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `findings_contractor_idx` ON `findings` (`contractor_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `findings_status_due_idx` ON `findings` (`status`,`due_date`,`id`);--> statement-breakpoint
CREATE INDEX `findings_review_idx` ON `findings` (`review_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`contractor_id` text NOT NULL,
	`agreement_id` text,
	`kind` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text NOT NULL,
	`assignee` text,
	`completed_on` text,
	`outcome` text,
	`checklist_organizational` text NOT NULL,
	`checklist_human` text NOT NULL,
	`checklist_physical` text NOT NULL,
	`checklist_technical` text NOT NULL,
	`notes` text,
	`cancel_reason` text,
	`scheduled_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviews_open_due_idx` ON `reviews` (`contractor_id`,`due_date`) WHERE "reviews"."status" IN ('scheduled', 'in_progress');--> statement-breakpoint
CREATE INDEX `reviews_contractor_idx` ON `reviews` (`contractor_id`,`due_date`,`id`);--> statement-breakpoint
CREATE INDEX `reviews_status_due_idx` ON `reviews` (`status`,`due_date`,`id`);--> statement-breakpoint
CREATE INDEX `reviews_due_idx` ON `reviews` (`due_date`,`id`);--> statement-breakpoint
CREATE INDEX `reviews_kind_idx` ON `reviews` (`kind`,`due_date`,`id`);