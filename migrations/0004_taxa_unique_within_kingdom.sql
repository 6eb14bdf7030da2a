DROP INDEX `taxa_name_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `taxa_kingdom_name_unique` ON `taxa` (`kingdom`,`name`);