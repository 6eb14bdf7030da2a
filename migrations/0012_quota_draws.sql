CREATE TABLE `quota_draws` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`quota_key` text NOT NULL,
	`permit_id` integer NOT NULL,
	`endorsement_id` integer NOT NULL,
	`quantity` real NOT NULL,
	`drawn_on` text NOT NULL,
	FOREIGN KEY (`permit_id`) REFERENCES `permits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`endorsement_id`) REFERENCES `endorsements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quota_draws_key` ON `quota_draws` (`quota_key`);