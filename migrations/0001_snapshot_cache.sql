CREATE TABLE `snapshot_cache` (
	`version` integer PRIMARY KEY NOT NULL,
	`json` text NOT NULL
);
