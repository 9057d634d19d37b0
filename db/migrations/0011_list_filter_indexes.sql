CREATE INDEX `alerts_status_due_idx` ON `alerts` (`status`,`due_date`,`id`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_events` (`action`,`seq`);--> statement-breakpoint
CREATE INDEX `findings_severity_idx` ON `findings` (`severity`,`status`,`due_date`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_target_idx` ON `outbox` (`channel`,`target`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `reviews_status_completed_idx` ON `reviews` (`status`,`completed_on`,`id`);