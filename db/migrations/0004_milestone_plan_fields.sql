CREATE TABLE "milestone_owners" (
	"roadmap_id" uuid NOT NULL,
	"milestone_id" text NOT NULL,
	"owner_key" text NOT NULL,
	"organization_id" uuid,
	"user_id" uuid,
	"role" text DEFAULT 'lead' NOT NULL,
	CONSTRAINT "milestone_owners_roadmap_id_milestone_id_owner_key_pk" PRIMARY KEY("roadmap_id","milestone_id","owner_key"),
	CONSTRAINT "milestone_owners_one_owner_check" CHECK (("milestone_owners"."organization_id" is null) <> ("milestone_owners"."user_id" is null)),
	CONSTRAINT "milestone_owners_role_check" CHECK ("role" in ('lead', 'support', 'consulted', 'informed'))
);
--> statement-breakpoint
ALTER TABLE "milestones" DROP CONSTRAINT "milestones_status_check";--> statement-breakpoint
ALTER TABLE "task_owners" DROP CONSTRAINT "task_owners_role_check";--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "description_ko" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "description_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "progress" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "start_date" date;--> statement-breakpoint
ALTER TABLE "milestone_owners" ADD CONSTRAINT "milestone_owners_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_owners" ADD CONSTRAINT "milestone_owners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_owners" ADD CONSTRAINT "milestone_owners_roadmap_id_milestone_id_milestones_roadmap_id_id_fk" FOREIGN KEY ("roadmap_id","milestone_id") REFERENCES "public"."milestones"("roadmap_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "milestone_owners_org_idx" ON "milestone_owners" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "milestone_owners_user_idx" ON "milestone_owners" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_progress_check" CHECK ("milestones"."progress" between 0 and 100);--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_span_check" CHECK ("milestones"."start_date" is null or "milestones"."due_date" is null or "milestones"."start_date" <= "milestones"."due_date");--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_status_check" CHECK ("status" in ('planned', 'in_progress', 'at_risk', 'blocked', 'done', 'cancelled'));--> statement-breakpoint
ALTER TABLE "task_owners" ADD CONSTRAINT "task_owners_role_check" CHECK ("role" in ('lead', 'support', 'consulted', 'informed'));