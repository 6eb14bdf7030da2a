CREATE TABLE `endorsements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`permit_id` integer NOT NULL,
	`date` text NOT NULL,
	`port` text NOT NULL,
	`quantity` real,
	`unit` text,
	`note` text,
	`by` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`permit_id`) REFERENCES `permits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `endorsements_permit` ON `endorsements` (`permit_id`);--> statement-breakpoint
CREATE TABLE `permits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`type` text NOT NULL,
	`number` text NOT NULL,
	`issuer` text NOT NULL,
	`registered_as` text NOT NULL,
	`issued_on` text NOT NULL,
	`valid_until` text,
	`exporter` text,
	`importer` text,
	`purpose` text,
	`items` text NOT NULL,
	`traders` text NOT NULL,
	`security_stamp` text,
	`conditions` text,
	`status` text DEFAULT 'issued' NOT NULL,
	`replaced_by` text,
	`used_on` text,
	`created_at` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `permits_key` ON `permits` (`key`);