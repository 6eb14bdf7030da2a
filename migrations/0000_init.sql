CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	`last_used_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash` ON `api_keys` (`secret_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `code_entries` (
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`name_en` text NOT NULL,
	`name_es` text,
	`name_fr` text,
	PRIMARY KEY(`kind`, `code`)
);
--> statement-breakpoint
CREATE TABLE `dataset_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`as_of` text,
	`source` text,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`dataset_version` text NOT NULL,
	`decision` text NOT NULL,
	`api_key_id` text,
	`request` text NOT NULL,
	`result` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `decisions_created` ON `decisions` (`created_at`);--> statement-breakpoint
CREATE TABLE `import_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`actor` text NOT NULL,
	`summary` text
);
--> statement-breakpoint
CREATE TABLE `listing_exclusions` (
	`listing_id` integer NOT NULL,
	`taxon_id` integer NOT NULL,
	`populations_include` text,
	`populations_exclude` text,
	PRIMARY KEY(`listing_id`, `taxon_id`),
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`taxon_id`) REFERENCES `taxa`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `listings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`taxon_id` integer NOT NULL,
	`appendix` text NOT NULL,
	`party_code` text,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`populations_include` text,
	`populations_exclude` text,
	`annotation` text,
	`hash_annotation` text,
	`hash_annotation_text` text,
	`specimens` text,
	`origin` text DEFAULT 'officer' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`taxon_id`) REFERENCES `taxa`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`party_code`) REFERENCES `parties`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `listings_taxon` ON `listings` (`taxon_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `parties` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`entry_into_force` text,
	`left_on` text,
	`territory_of` text,
	`origin` text DEFAULT 'officer' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `quotas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`taxon_id` integer NOT NULL,
	`exporter` text,
	`quantity` real NOT NULL,
	`unit` text,
	`terms` text NOT NULL,
	`sources` text NOT NULL,
	`purposes` text NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`notes` text,
	`origin` text DEFAULT 'officer' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`taxon_id`) REFERENCES `taxa`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quotas_taxon` ON `quotas` (`taxon_id`);--> statement-breakpoint
CREATE TABLE `reservations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`party_code` text NOT NULL,
	`taxon_id` integer NOT NULL,
	`appendix` text NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`notes` text,
	`origin` text DEFAULT 'officer' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`taxon_id`) REFERENCES `taxa`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reservations_taxon` ON `reservations` (`taxon_id`);--> statement-breakpoint
CREATE TABLE `suspensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`country` text NOT NULL,
	`taxon_id` integer,
	`purposes` text NOT NULL,
	`sources` text NOT NULL,
	`terms` text NOT NULL,
	`applies_to_imports` integer DEFAULT false NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`notification` text,
	`notes` text,
	`origin` text DEFAULT 'officer' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`taxon_id`) REFERENCES `taxa`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suspensions_country` ON `suspensions` (`country`);--> statement-breakpoint
CREATE TABLE `taxa` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`rank` text NOT NULL,
	`kingdom` text NOT NULL,
	`author` text,
	`parent_id` integer,
	`external_id` text,
	`distribution` text DEFAULT '[]' NOT NULL,
	`origin` text DEFAULT 'officer' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `taxa`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `taxa_name_unique` ON `taxa` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `taxa_external_id_unique` ON `taxa` (`external_id`);--> statement-breakpoint
CREATE INDEX `taxa_name_key` ON `taxa` (`name_key`);--> statement-breakpoint
CREATE INDEX `taxa_parent` ON `taxa` (`parent_id`);--> statement-breakpoint
CREATE TABLE `taxon_names` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`taxon_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`lang` text,
	`author` text,
	FOREIGN KEY (`taxon_id`) REFERENCES `taxa`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `taxon_names_key` ON `taxon_names` (`name_key`);--> statement-breakpoint
CREATE INDEX `taxon_names_taxon` ON `taxon_names` (`taxon_id`);