CREATE TABLE "alerts" (
	"key" text PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"episode_id" text,
	"resource_id" text NOT NULL,
	"metric" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"breach_at" timestamp with time zone,
	"message" text NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	"forecast_at" timestamp with time zone,
	"current" double precision,
	"threshold" double precision,
	"model" text,
	"deliveries" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forecasts" (
	"resource_id" text NOT NULL,
	"metric" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"model" text NOT NULL,
	"threshold" double precision NOT NULL,
	"current" double precision NOT NULL,
	"slope_per_min" double precision NOT NULL,
	"breach_at" timestamp with time zone,
	"breach_in_min" double precision,
	"interval_earliest" timestamp with time zone,
	"interval_latest" timestamp with time zone,
	"points" jsonb NOT NULL,
	"samples" integer NOT NULL,
	CONSTRAINT "forecasts_resource_id_metric_pk" PRIMARY KEY("resource_id","metric")
);
--> statement-breakpoint
CREATE TABLE "metrics" (
	"resource_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"provider" text NOT NULL,
	"cpu" double precision,
	"mem" double precision,
	"labels" jsonb,
	CONSTRAINT "metrics_resource_id_ts_pk" PRIMARY KEY("resource_id","ts")
);
--> statement-breakpoint
CREATE INDEX "alerts_fired_at_idx" ON "alerts" USING btree ("fired_at");--> statement-breakpoint
CREATE INDEX "metrics_ts_idx" ON "metrics" USING btree ("ts");