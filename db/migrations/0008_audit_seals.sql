-- The audit trail is now sealed by a keyed chain in audit_seals (the events keep no hash of
-- their own): existing events are sealed under the audit key at the next start.
CREATE TABLE `audit_checkpoints` (
	`seq` integer PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`at` text NOT NULL,
	`trigger` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_checkpoints_at_idx` ON `audit_checkpoints` (`at`);--> statement-breakpoint
CREATE TABLE `audit_seals` (
	`seq` integer PRIMARY KEY NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`sealed_at` text NOT NULL
);
--> statement-breakpoint
DROP INDEX `contractors_corporate_number_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `contractors_corporate_number_uq` ON `contractors` (`corporate_number`) WHERE `corporate_number` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_events` DROP COLUMN `prev_hash`;--> statement-breakpoint
ALTER TABLE `audit_events` DROP COLUMN `hash`;--> statement-breakpoint
CREATE TRIGGER `audit_seals_no_update` BEFORE UPDATE ON `audit_seals`
BEGIN
  SELECT RAISE(ABORT, 'audit_seals is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_seals_no_delete` BEFORE DELETE ON `audit_seals`
BEGIN
  SELECT RAISE(ABORT, 'audit_seals is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_checkpoints_no_update` BEFORE UPDATE ON `audit_checkpoints`
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_checkpoints_no_delete` BEFORE DELETE ON `audit_checkpoints`
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
