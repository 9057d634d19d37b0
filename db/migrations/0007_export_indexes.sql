CREATE INDEX `contractors_name_idx` ON `contractors` (`name`);--> statement-breakpoint
CREATE INDEX `reviews_completed_idx` ON `reviews` (`contractor_id`,`status`,`completed_on`);