ALTER TABLE "alerts" ADD COLUMN "status" text DEFAULT 'delivered' NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "suppressed" text;--> statement-breakpoint
CREATE INDEX "alerts_resource_fired_at_idx" ON "alerts" USING btree ("resource_id","fired_at");