ALTER TABLE "roadmaps" ADD COLUMN "projected_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Until now the projection was written in the commit's own transaction: it is complete.
UPDATE "roadmaps" SET "projected_seq" = "last_seq";
