/**
 * The plan's shape end to end: milestone start, progress, description, RACI owners (people and
 * organizations, one made inline through the API) and the new states go through the doc, the
 * projection and the JSON API on both databases; what a client that skipped the editor wrote is
 * normalised before it reaches SQL; a milestone from before these fields reads with defaults;
 * an owner that does not exist is refused and reported with its milestone.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activity, milestoneOwners, milestones } from '../../db/schema';
import {
	addMilestone,
	addTask,
	assignMilestoneOwner,
	assignOwner,
	milestoneDescriptionText,
	milestonesMap,
	setMilestoneField,
	setTaskField
} from '../../src/lib/roadmap/doc';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { call, startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/databases';
import { buildRoadmap, buildUser, grantRole, type BuiltUser } from '../helpers/factories';
import { expectedProjection, projectionOf } from '../helpers/projection-check';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';

interface ApiOwner {
	kind: string;
	id: string;
	name: string;
	sector: string | null;
	role: string;
}
interface ApiMilestone {
	id: string;
	titleEn: string;
	descriptionKo: string;
	descriptionEn: string;
	status: string;
	progress: number;
	startDate: string | null;
	dueDate: string | null;
	owners: ApiOwner[];
}
interface ApiTask {
	id: string;
	progress: number;
	rolledUpProgress: number;
	owners: ApiOwner[];
	milestones: ApiMilestone[];
}

describe.each(databaseKinds())('the plan shape through projection and API on %s', (kind) => {
	let app: TestApp;
	let owner: BuiltUser;
	let editor: BuiltUser;
	let roadmapId: string;
	const db = () => app.services.database.db;
	const view = async () => {
		const response = await call(app, owner.browser, `/api/v1/roadmaps/${roadmapId}`, {
			headers: { accept: 'application/json' }
		});
		expect(response.status).toBe(200);
		return (await response.json()) as { progress: number; tasks: ApiTask[] };
	};

	beforeAll(async () => {
		app = await startTestApp(kind);
		owner = await buildUser(db(), { name: 'Owner' });
		editor = await buildUser(db(), { name: '박편집' });
		roadmapId = (await buildRoadmap(db(), owner.id, { template: 'blank' })).id;
		await grantRole(db(), roadmapId, editor.id, 'editor');
	});
	afterAll(() => app?.close());

	it('carries start, progress, description, states and RACI owners — a person and an organization made inline', async () => {
		const created = await call(app, editor.browser, '/api/v1/organizations', {
			json: { name: '미래연구원', nameEn: 'Future Institute', sector: 'academia' }
		});
		expect(created.status).toBe(201);
		const org = (await created.json()) as { id: string; sector: string };
		expect(org.sector).toBe('academia');
		// Naming a body as owner does not make its creator one of its people.
		const me = (await (await call(app, editor.browser, '/api/v1/me')).json()) as {
			organizations: { id: string }[];
		};
		expect(me.organizations.map((o) => o.id)).not.toContain(org.id);
		// …yet its creator finds it again on the organizations page, apart from their own.
		const page = await (await call(app, editor.browser, '/organizations')).text();
		const added = page.slice(page.indexOf('data-testid="orgs-added"'));
		expect(added).toContain('미래연구원');
		expect(added).toContain('학계');

		let taskId = '';
		let msA = '';
		let msB = '';
		const result = await changeRoadmap(db(), roadmapId, editor.id, (doc) => {
			taskId = addTask(doc, { title: { ko: '과제', en: 'Task' }, progress: 90 });
			msA = addMilestone(doc, {
				taskId,
				title: { en: 'Pilot' },
				description: { ko: '시범 운영', en: 'Run the pilot' },
				startDate: '2026-03-01',
				dueDate: '2026-06-30',
				progress: 40,
				status: 'at_risk'
			});
			msB = addMilestone(doc, { taskId, title: { en: 'Report' }, status: 'blocked' });
			assignMilestoneOwner(doc, msA, { kind: 'user', id: editor.id, role: 'lead' });
			assignMilestoneOwner(doc, msA, { kind: 'organization', id: org.id, role: 'consulted' });
			assignOwner(doc, taskId, { kind: 'user', id: editor.id, role: 'informed' });
		});
		expect(result.rejectedOwners).toEqual([]);

		const body = await view();
		const task = body.tasks.find((t) => t.id === taskId)!;
		expect(task.owners.map((o) => [o.kind, o.name, o.role])).toEqual([
			['user', '박편집', 'informed']
		]);
		const [a, b] = task.milestones;
		expect(a).toMatchObject({
			id: msA,
			descriptionKo: '시범 운영',
			descriptionEn: 'Run the pilot',
			status: 'at_risk',
			progress: 40,
			startDate: '2026-03-01',
			dueDate: '2026-06-30'
		});
		expect(a.owners.map((o) => [o.kind, o.name, o.sector, o.role])).toEqual([
			['user', '박편집', null, 'lead'],
			['organization', '미래연구원', 'academia', 'consulted']
		]);
		expect(b).toMatchObject({ id: msB, status: 'blocked', progress: 0, startDate: null });
		// Two milestones (40 and 0) outweigh the hand-set 90; the roadmap has this one task.
		expect(task.progress).toBe(90);
		expect(task.rolledUpProgress).toBe(20);
		expect(body.progress).toBe(20);

		// Marking one done counts it as 100; the description edit and a role change project too.
		await changeRoadmap(db(), roadmapId, editor.id, (doc) => {
			setMilestoneField(doc, msB, 'status', 'done');
			milestoneDescriptionText(doc, msA, 'en')!.insert(0, 'Now: ');
			assignMilestoneOwner(doc, msA, { kind: 'organization', id: org.id, role: 'support' });
		});
		const after = (await view()).tasks.find((t) => t.id === taskId)!;
		expect(after.rolledUpProgress).toBe(70);
		expect(after.milestones[0].descriptionEn).toBe('Now: Run the pilot');
		expect(after.milestones[0].owners.find((o) => o.kind === 'organization')!.role).toBe('support');

		// Milestone owner changes are owner changes of the milestone's task, naming the milestone.
		const ownerActivity = await db()
			.select()
			.from(activity)
			.where(and(eq(activity.roadmapId, roadmapId), eq(activity.entityType, 'owner')));
		expect(
			ownerActivity
				.filter((r) => r.entityId === taskId)
				.map((r) => [r.field, (r.after as { milestoneId?: string }).milestoneId ?? null])
				.sort()
		).toEqual([
			['assigned', null],
			['assigned', msA],
			['assigned', msA],
			['role', msA]
		]);

		const { doc } = await loadRoadmapDoc(db(), roadmapId);
		expect(await projectionOf(db(), roadmapId)).toEqual(expectedProjection(doc));
	});

	it('refuses an owner that does not exist and names its milestone; removing an owner removes its row', async () => {
		let taskId = '';
		let ms = '';
		await changeRoadmap(db(), roadmapId, editor.id, (doc) => {
			taskId = addTask(doc, { title: { en: 'Owners' } });
			ms = addMilestone(doc, { taskId, title: { en: 'M' } });
			assignMilestoneOwner(doc, ms, { kind: 'user', id: editor.id, role: 'support' });
		});
		const ghost = randomUUID();
		const result = await changeRoadmap(db(), roadmapId, editor.id, (doc) =>
			assignMilestoneOwner(doc, ms, { kind: 'user', id: ghost, role: 'lead' })
		);
		expect(result.rejectedOwners).toEqual([{ taskId, milestoneId: ms, ownerKey: `user:${ghost}` }]);
		const rows = () =>
			db().select().from(milestoneOwners).where(eq(milestoneOwners.milestoneId, ms));
		expect((await rows()).map((r) => r.userId)).toEqual([editor.id]);

		await changeRoadmap(db(), roadmapId, editor.id, (doc) => {
			const owners = milestonesMap(doc).get(ms)!.get('owners') as Y.Map<unknown>;
			owners.delete(`user:${editor.id}`);
		});
		expect(await rows()).toEqual([]);
	});

	it('normalises what a client that skipped the editor wrote, and reads an old milestone with defaults', async () => {
		let taskId = '';
		let hostile = '';
		await changeRoadmap(db(), roadmapId, editor.id, (doc) => {
			taskId = addTask(doc, { title: { en: 'Hostile' } });
			hostile = addMilestone(doc, { taskId, title: { en: 'H' } });
			const map = milestonesMap(doc).get(hostile)!;
			map.set('progress', 250);
			map.set('startDate', '2026-09-01');
			map.set('dueDate', '2026-08-01');
			map.set('status', 'exploded');
			// A milestone as docs held it before this change: title, status and due date only.
			const old = new Y.Map<unknown>();
			milestonesMap(doc).set('ms_legacy', old);
			old.set('taskId', taskId);
			old.set('position', 9);
			old.set('status', 'in_progress');
			old.set('dueDate', '2025-12-31');
			// Task dates out of order too: the due date stays, the start goes.
			setTaskField(doc, taskId, 'startDate', '2026-05-01');
			setTaskField(doc, taskId, 'dueDate', '2026-04-01');
		});
		const task = (await view()).tasks.find((t) => t.id === taskId)!;
		const [h, legacy] = task.milestones;
		expect(h).toMatchObject({
			progress: 100,
			startDate: null,
			dueDate: '2026-08-01',
			status: 'planned'
		});
		expect(legacy).toMatchObject({
			id: 'ms_legacy',
			progress: 0,
			startDate: null,
			dueDate: '2025-12-31',
			status: 'in_progress',
			descriptionKo: '',
			descriptionEn: '',
			owners: []
		});
		const [row] = await db().select().from(milestones).where(eq(milestones.id, hostile));
		expect(row.progress).toBe(100);
	});

	it('refuses to create an organization without a name or with an unknown sector, and creates nothing', async () => {
		const unique = `Nobody ${randomUUID()}`;
		for (const json of [
			{ name: '', sector: 'industry' },
			{ name: unique, sector: 'aliens' },
			{ name: 'x'.repeat(201), sector: 'industry' }
		]) {
			const response = await call(app, editor.browser, '/api/v1/organizations', { json });
			expect(response.status).toBe(400);
			const body = (await response.json()) as { error: { code: string } };
			expect(body.error.code).toBe('invalid_input');
		}
		const listed = await call(
			app,
			editor.browser,
			`/api/v1/organizations?q=${encodeURIComponent(unique)}`,
			{
				headers: { accept: 'application/json' }
			}
		);
		expect(((await listed.json()) as { organizations: unknown[] }).organizations).toEqual([]);
	});
});
