CREATE TABLE "read_model_marker" (
	"id" text PRIMARY KEY NOT NULL,
	"fed_since" timestamp with time zone NOT NULL
);
