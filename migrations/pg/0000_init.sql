CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" text NOT NULL,
	"revoked_at" text,
	"last_used_at" text
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" text NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" text,
	"after" text
);
--> statement-breakpoint
CREATE TABLE "code_entries" (
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name_en" text NOT NULL,
	"name_es" text,
	"name_fr" text,
	"retired" integer DEFAULT 0 NOT NULL,
	"replaced_by" text,
	CONSTRAINT "code_entries_kind_code_pk" PRIMARY KEY("kind","code")
);
--> statement-breakpoint
CREATE TABLE "dataset_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"as_of" text,
	"source" text,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"provenance" text
);
--> statement-breakpoint
CREATE TABLE "decision_parts" (
	"key" text PRIMARY KEY NOT NULL,
	"json" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" text NOT NULL,
	"dataset_version" text NOT NULL,
	"decision" text NOT NULL,
	"api_key_id" text,
	"request" text NOT NULL,
	"result" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "endorsements" (
	"id" integer PRIMARY KEY NOT NULL,
	"permit_id" integer NOT NULL,
	"date" text NOT NULL,
	"port" text NOT NULL,
	"quantity" double precision,
	"unit" text,
	"note" text,
	"by" text NOT NULL,
	"at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "id_counters" (
	"table_name" text PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listing_exclusions" (
	"listing_id" integer NOT NULL,
	"taxon_id" integer NOT NULL,
	"populations_include" text,
	"populations_exclude" text,
	CONSTRAINT "listing_exclusions_listing_id_taxon_id_pk" PRIMARY KEY("listing_id","taxon_id")
);
--> statement-breakpoint
CREATE TABLE "listings" (
	"id" integer PRIMARY KEY NOT NULL,
	"taxon_id" integer NOT NULL,
	"appendix" text NOT NULL,
	"party_code" text,
	"effective_from" text NOT NULL,
	"effective_to" text,
	"populations_include" text,
	"populations_exclude" text,
	"annotation" text,
	"hash_annotation" text,
	"hash_annotation_text" text,
	"specimens" text,
	"origin" text DEFAULT 'officer' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"populations_partly" text,
	"populations_text" text,
	"may_start_from" text,
	"source" text
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"entry_into_force" text,
	"left_on" text,
	"territory_of" text,
	"origin" text DEFAULT 'officer' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "permits" (
	"id" integer PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"type" text NOT NULL,
	"number" text NOT NULL,
	"issuer" text NOT NULL,
	"registered_as" text NOT NULL,
	"issued_on" text NOT NULL,
	"valid_until" text,
	"exporter" text,
	"importer" text,
	"purpose" text,
	"items" text NOT NULL,
	"traders" text NOT NULL,
	"security_stamp" text,
	"conditions" text,
	"status" text DEFAULT 'issued' NOT NULL,
	"replaced_by" text,
	"used_on" text,
	"created_at" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quotas" (
	"id" integer PRIMARY KEY NOT NULL,
	"taxon_id" integer NOT NULL,
	"exporter" text,
	"quantity" double precision NOT NULL,
	"unit" text,
	"terms" text NOT NULL,
	"sources" text NOT NULL,
	"purposes" text NOT NULL,
	"effective_from" text NOT NULL,
	"effective_to" text,
	"notes" text,
	"origin" text DEFAULT 'officer' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"id" integer PRIMARY KEY NOT NULL,
	"party_code" text NOT NULL,
	"taxon_id" integer NOT NULL,
	"appendix" text NOT NULL,
	"effective_from" text NOT NULL,
	"effective_to" text,
	"notes" text,
	"origin" text DEFAULT 'officer' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_changes" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"table_name" text NOT NULL,
	"key" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suspensions" (
	"id" integer PRIMARY KEY NOT NULL,
	"country" text NOT NULL,
	"taxon_id" integer,
	"purposes" text NOT NULL,
	"sources" text NOT NULL,
	"terms" text NOT NULL,
	"applies_to_imports" integer DEFAULT 0 NOT NULL,
	"effective_from" text NOT NULL,
	"effective_to" text,
	"notification" text,
	"notes" text,
	"origin" text DEFAULT 'officer' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"review" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxa" (
	"id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"rank" text NOT NULL,
	"kingdom" text NOT NULL,
	"author" text,
	"parent_id" integer,
	"external_id" text,
	"distribution" text DEFAULT '[]' NOT NULL,
	"origin" text DEFAULT 'officer' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxon_names" (
	"id" integer PRIMARY KEY NOT NULL,
	"taxon_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"lang" text,
	"author" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash" ON "api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "audit_entity" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "endorsements_permit" ON "endorsements" USING btree ("permit_id");--> statement-breakpoint
CREATE INDEX "listings_taxon" ON "listings" USING btree ("taxon_id","effective_from");--> statement-breakpoint
CREATE INDEX "permits_key" ON "permits" USING btree ("key");--> statement-breakpoint
CREATE INDEX "quotas_taxon" ON "quotas" USING btree ("taxon_id");--> statement-breakpoint
CREATE INDEX "reservations_taxon" ON "reservations" USING btree ("taxon_id");--> statement-breakpoint
CREATE INDEX "suspensions_country" ON "suspensions" USING btree ("country");--> statement-breakpoint
CREATE INDEX "taxa_kingdom_name" ON "taxa" USING btree ("kingdom","name");--> statement-breakpoint
CREATE INDEX "taxa_parent" ON "taxa" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "taxa_name_key" ON "taxa" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "taxa_external_id" ON "taxa" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "taxon_names_taxon" ON "taxon_names" USING btree ("taxon_id");--> statement-breakpoint
CREATE INDEX "taxon_names_key" ON "taxon_names" USING btree ("name_key");