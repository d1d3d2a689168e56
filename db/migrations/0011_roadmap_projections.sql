-- projected_seq moves off the roadmap's row into a row of its own (see db/schema/roadmaps.ts):
-- the projector's update of it held the roadmap's row until its transaction committed, and the
-- writers' append (append_to_logs), which locks that row, waited for it. How far each roadmap
-- was projected is kept; a roadmap with nothing projected yet needs no row.
CREATE TABLE "roadmap_projections" (
	"roadmap_id" uuid PRIMARY KEY NOT NULL,
	"projected_seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roadmap_projections" ADD CONSTRAINT "roadmap_projections_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "roadmap_projections" ("roadmap_id", "projected_seq")
	SELECT "id", "projected_seq" FROM "roadmaps" WHERE "projected_seq" > 0;--> statement-breakpoint
ALTER TABLE "roadmaps" DROP COLUMN "projected_seq";
