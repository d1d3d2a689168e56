-- A task's milestones in order, and in order within a status: the plan page's first screen reads
-- the first page of each off these (src/lib/server/roadmaps/first-screen.ts) instead of ranking
-- and sorting every milestone of the plan. The first replaces (roadmap_id, task_id), its prefix.
DROP INDEX "milestones_task_idx";--> statement-breakpoint
CREATE INDEX "milestones_task_order_idx" ON "milestones" USING btree ("roadmap_id","task_id","position","id");--> statement-breakpoint
CREATE INDEX "milestones_task_status_idx" ON "milestones" USING btree ("roadmap_id","task_id","status","position","id");