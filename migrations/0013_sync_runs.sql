CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`via` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`actor` text NOT NULL,
	`source` text NOT NULL,
	`api_time` text,
	`progress` text,
	`error` text,
	`dataset_version` integer,
	`changes` text
);
--> statement-breakpoint
CREATE TABLE `sync_staging` (
	`run_id` integer NOT NULL,
	`taxon_id` integer NOT NULL,
	`concept` text NOT NULL,
	PRIMARY KEY(`run_id`, `taxon_id`),
	FOREIGN KEY (`run_id`) REFERENCES `sync_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_staging_taxon` ON `sync_staging` (`taxon_id`,`run_id`);