ALTER TABLE `code_entries` ADD `retired` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `code_entries` ADD `replaced_by` text;