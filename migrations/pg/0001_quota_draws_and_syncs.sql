CREATE TABLE "quota_draws" (
	"id" integer PRIMARY KEY NOT NULL,
	"quota_key" text NOT NULL,
	"permit_id" integer NOT NULL,
	"endorsement_id" integer NOT NULL,
	"quantity" double precision NOT NULL,
	"drawn_on" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"via" text NOT NULL,
	"started_at" text NOT NULL,
	"finished_at" text,
	"status" text NOT NULL,
	"actor" text NOT NULL,
	"source" text NOT NULL,
	"api_time" text,
	"progress" text,
	"error" text,
	"dataset_version" integer,
	"changes" text
);
--> statement-breakpoint
CREATE TABLE "sync_staging" (
	"run_id" bigint NOT NULL,
	"taxon_id" integer NOT NULL,
	"concept" text NOT NULL,
	CONSTRAINT "sync_staging_run_id_taxon_id_pk" PRIMARY KEY("run_id","taxon_id")
);
--> statement-breakpoint
CREATE INDEX "quota_draws_key" ON "quota_draws" USING btree ("quota_key");--> statement-breakpoint
CREATE INDEX "sync_staging_taxon" ON "sync_staging" USING btree ("taxon_id","run_id");