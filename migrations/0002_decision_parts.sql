CREATE TABLE `decision_parts` (
	`key` text PRIMARY KEY NOT NULL,
	`json` text NOT NULL
);
