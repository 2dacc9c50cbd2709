CREATE TABLE "resources" (
	"resource_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"cpu" double precision,
	"mem" double precision,
	"memory_available" boolean DEFAULT false NOT NULL,
	"samples" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "resources_last_seen_idx" ON "resources" USING btree ("last_seen");--> statement-breakpoint
-- Backfill (hand-written after drizzle-kit's output): one row per resource already in metrics,
-- with the values of its newest sample. Runs once, inside the migration.
INSERT INTO "resources" ("resource_id", "provider", "first_seen", "last_seen", "cpu", "mem", "memory_available", "samples")
SELECT n."resource_id", n."provider", s."first_seen", n."ts", n."cpu", n."mem", s."memory_available", s."samples"
FROM (
	SELECT DISTINCT ON ("resource_id") "resource_id", "provider", "ts", "cpu", "mem"
	FROM "metrics" ORDER BY "resource_id", "ts" DESC
) n
JOIN (
	SELECT "resource_id", min("ts") AS "first_seen", bool_or("mem" IS NOT NULL) AS "memory_available", count(*) AS "samples"
	FROM "metrics" GROUP BY "resource_id"
) s ON s."resource_id" = n."resource_id";
