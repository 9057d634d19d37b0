CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`contractor_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text,
	`number` text,
	`issuer` text,
	`valid_from` text,
	`valid_until` text,
	`review_id` text,
	`agreement_id` text,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text NOT NULL,
	`deleted_at` text,
	`deleted_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`contractor_id`) REFERENCES `contractors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `documents_contractor_idx` ON `documents` (`contractor_id`,`id`);--> statement-breakpoint
CREATE INDEX `documents_valid_until_idx` ON `documents` (`valid_until`);--> statement-breakpoint
CREATE INDEX `documents_sha256_idx` ON `documents` (`sha256`);