/**
 * Seeds a fresh database once: demo organizations and the demo roadmap. Safe to run at every
 * start and from several instances at once (advisory lock, then look again inside it).
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Database } from '../client';
import { organizations, roadmaps } from '../schema';
import {
	assignOwner,
	milestoneDescriptionText,
	readRoadmap,
	setMilestoneField,
	setTaskField
} from '../../src/lib/roadmap/doc';
import { applyTemplate, TEMPLATES } from '../../src/lib/roadmap/templates';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { DEMO_ORGANIZATIONS, DEMO_OWNERS, DEMO_ROADMAP } from './demo';
import { demoMilestonePlan } from './demo-schedule';

const SEED_LOCK = 7_305_002;

export interface SeedResult {
	/** True when this call created the demo roadmap; false when it was already there. */
	created: boolean;
	demoRoadmapId: string;
}

export async function seedDatabase(database: Database): Promise<SeedResult> {
	return database.db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);

		await tx
			.insert(organizations)
			.values(DEMO_ORGANIZATIONS.map((o) => ({ ...o, isExample: true })))
			.onConflictDoNothing({ target: organizations.seedKey });

		const [existing] = await tx
			.select({ id: roadmaps.id })
			.from(roadmaps)
			.where(eq(roadmaps.seedKey, DEMO_ROADMAP.seedKey));
		if (existing) return { created: false, demoRoadmapId: existing.id };

		const [roadmap] = await tx
			.insert(roadmaps)
			.values({ ...DEMO_ROADMAP, template: 'five-tasks', publicRead: true })
			.returning({ id: roadmaps.id });

		const orgRows = await tx
			.select({ id: organizations.id, seedKey: organizations.seedKey })
			.from(organizations)
			.where(
				inArray(
					organizations.seedKey,
					DEMO_ORGANIZATIONS.map((o) => o.seedKey)
				)
			);
		const orgId = new Map(orgRows.map((o) => [o.seedKey, o.id]));

		await changeRoadmap(tx, roadmap.id, null, (doc) => {
			const taskIds = applyTemplate(doc, TEMPLATES['five-tasks']);
			doc.transact(() => {
				taskIds.forEach((taskId, i) => {
					const owners = DEMO_OWNERS[i];
					if (!owners) return;
					const lead = orgId.get(owners.lead);
					if (lead) assignOwner(doc, taskId, { kind: 'organization', id: lead, role: 'lead' });
					for (const key of owners.support) {
						const id = orgId.get(key);
						if (id) assignOwner(doc, taskId, { kind: 'organization', id, role: 'support' });
					}
				});
				scheduleDemo(doc, taskIds, new Date());
			});
		});
		return { created: true, demoRoadmapId: roadmap.id };
	});
}

/** Gives the demo's milestones their example dates, statuses and progress (demo-schedule.ts). */
function scheduleDemo(doc: Y.Doc, taskIds: string[], seededAt: Date) {
	const { milestones } = readRoadmap(doc);
	taskIds.forEach((taskId, taskIndex) => {
		setTaskField(doc, taskId, 'status', 'in_progress');
		milestones
			.filter((m) => m.taskId === taskId)
			.forEach((milestone, index) => {
				const plan = demoMilestonePlan(taskIndex, index, seededAt);
				setMilestoneField(doc, milestone.id, 'startDate', plan.startDate);
				setMilestoneField(doc, milestone.id, 'dueDate', plan.dueDate);
				setMilestoneField(doc, milestone.id, 'status', plan.status);
				setMilestoneField(doc, milestone.id, 'progress', plan.progress);
				for (const locale of ['ko', 'en'] as const)
					milestoneDescriptionText(doc, milestone.id, locale)?.insert(0, plan.description[locale]);
			});
	});
}
