/**
 * The first screen read in SQL (readFirstScreen) equals the whole plan cut by firstScreen, on
 * plans with more milestones than a page per task and per status, every status (cancelled ones
 * count for nothing in progress, done ones for 100), hand-set task progress, and owners named only
 * on milestones past the first screen.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../db/schema';
import { ownerChoices, filterChoices, NO_FILTER } from '../../src/lib/roadmap/filter';
import { firstScreen, firstScreenIds } from '../../src/lib/roadmap/first-screen';
import {
	addMilestone,
	addTask,
	assignMilestoneOwner,
	assignOwner
} from '../../src/lib/roadmap/doc';
import { ownersIn, planDataOf } from '../../src/lib/roadmap/plan-data';
import { MILESTONE_STATUSES } from '../../src/lib/roadmap/vocabulary';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { readFirstScreen } from '../../src/lib/server/roadmaps/first-screen';
import { getRoadmapView } from '../../src/lib/server/roadmaps/read';
import { startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/databases';
import { buildRoadmap, buildUser } from '../helpers/factories';

const PAGE = 5; // a small page, so every rule of the cut shows on a small plan

describe.each(databaseKinds())('the first screen read in SQL on %s', (kind) => {
	let app: TestApp;
	const db = () => app.services.database.db;
	let roadmapId: string;
	let orgLate = '';
	let personLate = '';

	beforeAll(async () => {
		app = await startTestApp(kind);
		const owner = await buildUser(db(), { name: 'Owner' });
		const colleague = await buildUser(db(), { name: 'Colleague' });
		personLate = colleague.id;
		orgLate = randomUUID();
		const orgEarly = randomUUID();
		await db()
			.insert(organizations)
			.values([
				{ id: orgLate, name: '늦은 기관', nameEn: 'Late body', sector: 'academia' },
				{ id: orgEarly, name: '이른 기관', nameEn: 'Early body', sector: 'industry' }
			]);
		roadmapId = (await buildRoadmap(db(), owner.id, { template: 'blank' })).id;
		// A seeded shuffle: the same plan every run, positions out of id order.
		let seed = 7;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		await changeRoadmap(db(), roadmapId, owner.id, (doc) => {
			const taskIds = [40, 30, 20, 10, 0].map((handSet, t) =>
				addTask(doc, { title: { en: `Task ${t}` }, progress: handSet, position: 5 - t })
			);
			assignOwner(doc, taskIds[0], { kind: 'organization', id: orgEarly, role: 'lead' });
			const counts = [17, 9, 3, 1, 0]; // the last task has none: its hand-set progress counts
			taskIds.forEach((taskId, t) => {
				for (let i = 0; i < counts[t]; i++) {
					const status = MILESTONE_STATUSES[Math.floor(next() * MILESTONE_STATUSES.length)];
					const id = addMilestone(doc, {
						taskId,
						title: { en: `T${t} M${i}` },
						status,
						progress: Math.floor(next() * 101),
						position: Math.floor(next() * 4) // ties on purpose: then the id decides
					});
					if (t === 1 && i === 0)
						assignMilestoneOwner(doc, id, { kind: 'organization', id: orgEarly, role: 'lead' });
				}
			});
			// Exact roll-ups: done counts 100 ((100 + 100 + 0) / 3 = 67), cancelled nothing (the
			// hand-set 25 stands for a task whose milestones are all cancelled).
			const rolled = addTask(doc, { title: { en: 'Rolled up' }, progress: 5, position: 6 });
			for (const status of ['done', 'done', 'in_progress', 'cancelled'] as const)
				addMilestone(doc, { taskId: rolled, title: { en: status }, status, progress: 0 });
			const dropped = addTask(doc, { title: { en: 'Dropped' }, progress: 25, position: 7 });
			addMilestone(doc, { taskId: dropped, title: { en: 'x' }, status: 'cancelled', progress: 90 });
		});
		// Owners named only on a milestone the first screen leaves out.
		const plan = planDataOf((await getRoadmapView(db(), roadmapId))!);
		const shown = firstScreenIds(plan, PAGE);
		const late = plan.milestones.find((ms) => !shown.has(ms.id))!.id;
		await changeRoadmap(db(), roadmapId, owner.id, (doc) => {
			assignMilestoneOwner(doc, late, { kind: 'organization', id: orgLate, role: 'support' });
			assignMilestoneOwner(doc, late, { kind: 'user', id: personLate, role: 'lead' });
		});
	});
	afterAll(() => app?.close());

	it('gives the same milestones, progress and counts as cutting the whole plan', async () => {
		const whole = (await getRoadmapView(db(), roadmapId))!;
		const read = (await readFirstScreen(db(), roadmapId, PAGE))!;
		const ctx = { today: '2026-06-01', orgSectors: new Map(), personOrgs: new Map() };
		const plan = planDataOf(whole);
		const expected = firstScreenIds(plan, PAGE);
		expect(expected.size).toBeLessThan(plan.milestones.length); // the cut cuts something
		const progressOf = (title: string) =>
			read.view.tasks.find((t) => t.titleEn === title)?.rolledUpProgress;
		expect([progressOf('Rolled up'), progressOf('Dropped')]).toEqual([67, 25]);
		expect(read.view).toEqual({
			...whole,
			tasks: whole.tasks.map((t) => ({
				...t,
				milestones: t.milestones.filter((ms) => expected.has(ms.id))
			}))
		});
		// The counts do not depend on the page; the owner choices are the next test's.
		const { counts } = firstScreen(plan, NO_FILTER, ctx, []);
		expect({ ...read.counts, choices: counts.choices }).toEqual(counts);
	});

	it('names every owner of the plan, also those only on milestones past the first screen', async () => {
		const whole = (await getRoadmapView(db(), roadmapId))!;
		const read = (await readFirstScreen(db(), roadmapId, PAGE))!;
		const late = read.view.tasks.flatMap((t) => t.milestones).flatMap((ms) => ms.owners);
		expect(late.map((o) => o.id)).not.toContain(orgLate); // drawn later, not in the first screen
		const owners = [...ownersIn(read.view), ...read.milestoneOwners];
		const choices = ownerChoices(owners, []);
		const expected = filterChoices(planDataOf(whole), []);
		expect(choices.organizations.sort()).toEqual(expected.organizations.sort());
		expect(choices.people.sort()).toEqual(expected.people.sort());
		expect(choices.organizations).toContain(orgLate);
		expect(choices.people).toEqual([personLate]);
		expect(read.milestoneOwners.find((o) => o.id === orgLate)).toMatchObject({
			kind: 'organization',
			name: '늦은 기관',
			sector: 'academia'
		});
	});

	it('reads nothing for a roadmap that does not exist', async () => {
		expect(await readFirstScreen(db(), randomUUID())).toBeNull();
	});
});
