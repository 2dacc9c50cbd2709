CREATE TABLE "alert_acks" (
	"episode_id" text PRIMARY KEY NOT NULL,
	"acked_by" text NOT NULL,
	"comment" text NOT NULL,
	"acked_at" timestamp with time zone NOT NULL
);
