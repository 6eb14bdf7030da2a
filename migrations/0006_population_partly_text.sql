ALTER TABLE `listings` ADD `populations_partly` text;--> statement-breakpoint
ALTER TABLE `listings` ADD `populations_text` text;