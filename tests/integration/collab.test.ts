import { and, count, eq } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	activity,
	milestones,
	roadmapSnapshots,
	roadmapUpdates,
	taskOwners,
	tasks
} from '../../db/schema';
import {
	addMilestone,
	addTask,
	assignOwner,
	readRoadmap,
	setTaskField,
	taskTitleText,
	tasksMap
} from '../../src/lib/roadmap/doc';
import { askForEverything } from '../../server/collab/messages';
import { Room } from '../../server/collab/room';
import { createOrganization } from '../../src/lib/server/accounts/organizations';
import { invalidateSession } from '../../src/lib/server/auth/sessions';
import { compactRoadmap } from '../../src/lib/server/roadmaps/compact';
import { ensureProjected } from '../../src/lib/server/roadmaps/projector';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import { removeMember, setMemberRole } from '../../src/lib/server/roadmaps/members';
import { call, startTestApp, type TestApp } from '../helpers/app';
import {
	connect,
	eventually,
	headersFor,
	rawSocket,
	synced,
	type TestClient
} from '../helpers/collab-client';
import { databaseKinds } from '../helpers/databases';
import {
	buildApiClient,
	buildRoadmap,
	buildUser,
	grantRole,
	type BuiltUser
} from '../helpers/factories';

describe.each(databaseKinds())('realtime co-editing on %s', (kind) => {
	let app: TestApp;
	let owner: BuiltUser;
	const clients: TestClient[] = [];
	const open = async (roadmapId: string, actor: { cookie?: string; bearer?: string }) => {
		const client = connect(app, roadmapId, actor);
		clients.push(client);
		await synced(client);
		return client;
	};
	const db = () => app.services.database.db;
	const logCount = async (roadmapId: string) =>
		(
			await db()
				.select({ n: count() })
				.from(roadmapUpdates)
				.where(eq(roadmapUpdates.roadmapId, roadmapId))
		)[0].n;
	const member = async (roadmapId: string, role: 'editor' | 'viewer' | 'commenter' | 'owner') => {
		const user = await buildUser(db(), { name: `${role} person` });
		await grantRole(db(), roadmapId, user.id, role);
		return user;
	};

	beforeAll(async () => {
		app = await startTestApp(kind, { collab: { sweepIntervalMs: 300, idleEvictMs: 200 } });
		owner = await buildUser(db(), { name: 'Owner' });
	});
	afterEach(() => {
		vi.restoreAllMocks();
		for (const c of clients.splice(0)) c.destroy();
	});
	afterAll(() => app?.close());

	it('two editors converge; an edit is saved, then relayed, then in SQL with its author', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const editor = await member(roadmap.id, 'editor');
		const a = await open(roadmap.id, owner.browser);
		const b = await open(roadmap.id, editor.browser);
		const taskId = readRoadmap(a.doc).tasks[0].id;

		const title = taskTitleText(a.doc, taskId, 'en')!;
		title.delete(0, title.length);
		title.insert(0, 'Memory chips beyond DRAM');
		await eventually(() =>
			expect(readRoadmap(b.doc).tasks[0].title.en).toBe('Memory chips beyond DRAM')
		);
		await eventually(() => expect(a.isSaved()).toBe(true));

		setTaskField(b.doc, taskId, 'progress', 35);
		await eventually(() => expect(readRoadmap(a.doc).tasks[0].progress).toBe(35));
		await eventually(() => expect(b.isSaved()).toBe(true));

		// The projection trails "saved" by a moment; a reader of SQL waits for it.
		await ensureProjected(db(), roadmap.id);
		const [row] = await db()
			.select()
			.from(tasks)
			.where(and(eq(tasks.roadmapId, roadmap.id), eq(tasks.id, taskId)));
		expect(row).toMatchObject({
			titleEn: 'Memory chips beyond DRAM',
			progress: 35,
			updatedBy: editor.id
		});
		const changes = await db()
			.select()
			.from(activity)
			.where(and(eq(activity.roadmapId, roadmap.id), eq(activity.entityId, taskId)));
		expect(changes.find((c) => c.field === 'titleEn')).toMatchObject({
			userId: owner.id,
			after: 'Memory chips beyond DRAM'
		});
		expect(changes.find((c) => c.field === 'progress')).toMatchObject({
			userId: editor.id,
			before: 0,
			after: 35
		});
	});

	it('a room being typed in is projected about once a second, not after every pause between keystrokes', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const client = await open(roadmap.id, owner.browser);
		const taskId = readRoadmap(client.doc).tasks[0].id;
		const title = taskTitleText(client.doc, taskId, 'en')!;
		// The room's first pass (on load) and the busy wait after it are over.
		await new Promise((resolve) => setTimeout(resolve, 1200));
		const passes = vi.spyOn(app.services.collab['pacer'], 'acquire');
		try {
			// A keystroke every 60 ms for 3 s: each pass ends before the next commit comes, so
			// every pass found the room quiet and its runner ended (the next commit started a new one).
			const started = performance.now();
			while (performance.now() - started < 3000) {
				title.insert(title.length, 'a');
				await new Promise((resolve) => setTimeout(resolve, 60));
			}
			const typingMs = performance.now() - started;
			await eventually(() => expect(client.isSaved()).toBe(true));
			expect(passes.mock.calls.length).toBeGreaterThan(0);
			expect(passes.mock.calls.length).toBeLessThanOrEqual(Math.ceil(typingMs / 1000) + 1);
		} finally {
			passes.mockRestore();
		}
		// Readers that must see the last keystroke still do.
		await ensureProjected(db(), roadmap.id);
		const [row] = await db()
			.select({ titleEn: tasks.titleEn })
			.from(tasks)
			.where(and(eq(tasks.roadmapId, roadmap.id), eq(tasks.id, taskId)));
		expect(row.titleEn).toBe(readRoadmap(client.doc).tasks[0].title.en);
	});

	it("a reader that must see the latest keystroke is caught up by the live room at once, whatever other rooms' passes hold", async () => {
		const projectNow = vi.spyOn(Room.prototype, 'projectNow');
		const roadmap = await buildRoadmap(db(), owner.id);
		const client = await open(roadmap.id, owner.browser);
		const taskId = readRoadmap(client.doc).tasks[0].id;
		const title = taskTitleText(client.doc, taskId, 'en')!;
		// Every slot of the pacer taken, as by long passes of other busy roadmaps: the room's own
		// passes wait, so the projection is behind when the reader asks.
		const pacer = app.services.collab['pacer'];
		const held = [await pacer.acquire(), ...(kind === 'postgres' ? [await pacer.acquire()] : [])];
		try {
			for (let i = 0; i < 10; i++) {
				title.insert(title.length, String(i));
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			await eventually(() => expect(client.isSaved()).toBe(true));
			const typed = readRoadmap(client.doc).tasks[0].title.en;
			expect(typed.endsWith('0123456789')).toBe(true);

			const asked = performance.now();
			await ensureProjected(db(), roadmap.id);
			const waited = performance.now() - asked;
			const [row] = await db()
				.select({ titleEn: tasks.titleEn })
				.from(tasks)
				.where(and(eq(tasks.roadmapId, roadmap.id), eq(tasks.id, taskId)));
			expect(row.titleEn).toBe(typed);
			// The room projected it, from the doc it keeps, without waiting for a slot or its rest.
			expect(projectNow).toHaveBeenCalledTimes(1);
			expect(waited).toBeLessThan(800);
		} finally {
			for (const release of held) release();
		}
	});

	it('one person in two tabs: edits committed in one batch reach both tabs', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const tab1 = await open(roadmap.id, owner.browser);
		const tab2 = await open(roadmap.id, owner.browser);
		const taskId = readRoadmap(tab1.doc).tasks[0].id;
		for (let round = 0; round < 5; round++) {
			// Both tabs write in the same tick, so the server commits them as one person's batch.
			taskTitleText(tab1.doc, taskId, 'en')!.insert(0, `a${round}`);
			taskTitleText(tab2.doc, taskId, 'ko')!.insert(0, `b${round}`);
			await eventually(() => {
				expect(readRoadmap(tab1.doc).tasks[0].title).toEqual(readRoadmap(tab2.doc).tasks[0].title);
				expect(readRoadmap(tab2.doc).tasks[0].title.en.startsWith(`a${round}`)).toBe(true);
				expect(readRoadmap(tab1.doc).tasks[0].title.ko.startsWith(`b${round}`)).toBe(true);
			});
		}
		await eventually(() => expect(tab1.isSaved() && tab2.isSaved()).toBe(true));
	});

	it('a viewer reads live, but its writes never reach the log or anyone else', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const viewer = await member(roadmap.id, 'viewer');
		const editorClient = await open(roadmap.id, owner.browser);
		const viewerClient = await open(roadmap.id, viewer.browser);
		await eventually(() =>
			expect(viewerClient.notices).toContainEqual({ kind: 'read-only', reason: 'role' })
		);
		const before = await logCount(roadmap.id);

		addTask(viewerClient.doc, { title: { ko: '몰래', en: 'Sneaky' } });
		await eventually(() =>
			expect(viewerClient.notices).toContainEqual({ kind: 'write-rejected', reason: 'read-only' })
		);
		await new Promise((r) => setTimeout(r, 300));
		expect(readRoadmap(editorClient.doc).tasks).toHaveLength(5);
		expect(await logCount(roadmap.id)).toBe(before);

		// It still receives live updates.
		setTaskField(editorClient.doc, readRoadmap(editorClient.doc).tasks[1].id, 'status', 'at_risk');
		await eventually(() => expect(readRoadmap(viewerClient.doc).tasks[1].status).toBe('at_risk'));
		// A newcomer gets the committed state, without the viewer's task.
		const late = await open(roadmap.id, owner.browser);
		expect(readRoadmap(late.doc).tasks.map((t) => t.title.en)).not.toContain('Sneaky');
	});

	it('refuses unauthenticated, wrong-origin and other-roadmap upgrades before 101', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const outsider = await buildUser(db());
		const path = `/collab/${roadmap.id}`;
		const status = async (headers: Record<string, string>, p = path) => {
			const { opened } = rawSocket(app, p, headers);
			return opened.then(
				() => 101,
				(e: { status?: number }) => e.status
			);
		};
		expect(await status({ origin: app.url })).toBe(401);
		expect(await status(headersFor(app, owner.browser, 'https://evil.example'))).toBe(403);
		expect(await status({ cookie: owner.browser.cookie! })).toBe(403); // cookie without Origin
		expect(await status(headersFor(app, outsider.browser))).toBe(404);
		expect(
			await status(
				headersFor(app, { bearer: 'ieum_aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' })
			)
		).toBe(401);
		expect(await status(headersFor(app, owner.browser), '/collab/not-a-roadmap')).toBe(404);
		expect(await status(headersFor(app, owner.browser))).toBe(101);
		const token = await buildApiClient(db(), owner.id);
		expect(await status({ authorization: `Bearer ${token.bearer}` })).toBe(101);
		// The public demo: anyone may read, nobody anonymous may write.
		const demo = await open(app.demoRoadmapId, {});
		expect(readRoadmap(demo.doc).tasks).toHaveLength(5);
		await eventually(() =>
			expect(demo.notices).toContainEqual({ kind: 'read-only', reason: 'public' })
		);
	});

	it('keeps projection and activity equal to the doc through a sequence of edits', async () => {
		const roadmap = await buildRoadmap(db(), owner.id, { template: 'blank' });
		const org = await createOrganization(db(), owner.id, {
			name: '과학기술정보통신부',
			sector: 'government'
		});
		const client = await open(roadmap.id, owner.browser);
		const doc = client.doc;
		const t1 = addTask(doc, {
			title: { ko: '과제 하나', en: 'Task one' },
			summary: { ko: '요약', en: 'Summary' }
		});
		const t2 = addTask(doc, { title: { ko: '과제 둘', en: 'Task two' } });
		const m1 = addMilestone(doc, { taskId: t1, title: { ko: '이정표', en: 'Milestone' } });
		await eventually(() => expect(client.isSaved()).toBe(true));
		setTaskField(doc, t1, 'status', 'in_progress');
		setTaskField(doc, t1, 'dueDate', '2026-12-31');
		assignOwner(doc, t1, { kind: 'organization', id: org.id, role: 'lead' });
		assignOwner(doc, t2, {
			kind: 'organization',
			id: '00000000-0000-4000-8000-000000000000',
			role: 'lead'
		});
		assignOwner(doc, t2, { kind: 'user', id: 'not-a-uuid', role: 'support' });
		await eventually(() => expect(client.isSaved()).toBe(true));
		await eventually(() =>
			expect(client.notices.find((n) => n.kind === 'owner-rejected')).toMatchObject({
				owners: expect.arrayContaining([
					{ taskId: t2, ownerKey: 'org:00000000-0000-4000-8000-000000000000' }
				])
			})
		);
		doc.transact(() => tasksMap(doc).delete(t2));
		taskTitleText(doc, t1, 'ko')!.insert(0, '[핵심] ');
		await eventually(() => expect(client.isSaved()).toBe(true));
		await eventually(async () => {
			const rows = await db().select().from(tasks).where(eq(tasks.roadmapId, roadmap.id));
			expect(rows.map((r) => [r.id, r.titleKo, r.status, r.dueDate])).toEqual([
				[t1, '[핵심] 과제 하나', 'in_progress', '2026-12-31']
			]);
		});
		expect(
			await db()
				.select({ id: milestones.id })
				.from(milestones)
				.where(eq(milestones.roadmapId, roadmap.id))
		).toEqual([{ id: m1 }]);
		expect(
			await db()
				.select({ key: taskOwners.ownerKey })
				.from(taskOwners)
				.where(eq(taskOwners.roadmapId, roadmap.id))
		).toEqual([{ key: `org:${org.id}` }]);
		const fields = (
			await db().select().from(activity).where(eq(activity.roadmapId, roadmap.id))
		).map((a) => `${a.entityType}:${a.field}`);
		expect(fields).toEqual(
			expect.arrayContaining([
				'task:created',
				'milestone:created',
				'task:status',
				'task:dueDate',
				'owner:assigned',
				'task:deleted',
				'task:titleKo'
			])
		);

		// What the server committed is exactly what the client has.
		const { doc: fromLog } = await loadRoadmapDoc(db(), roadmap.id);
		expect(readRoadmap(fromLog)).toEqual(readRoadmap(doc));
	});

	it('compacts the log into a snapshot and reloads the same doc', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const client = await open(roadmap.id, owner.browser);
		for (let i = 0; i < 20; i++) {
			setTaskField(client.doc, readRoadmap(client.doc).tasks[0].id, 'progress', i);
			await new Promise((r) => setTimeout(r, 10));
		}
		await eventually(() => expect(client.isSaved()).toBe(true));
		const before = readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc);
		expect(await logCount(roadmap.id)).toBeGreaterThan(1);
		// Compaction merges only what is projected (the projector needs each row's writer).
		await ensureProjected(db(), roadmap.id);
		const result = await compactRoadmap(db(), roadmap.id);
		expect(result.merged).toBeGreaterThan(1);
		expect(await logCount(roadmap.id)).toBe(0);
		expect(
			await db().select().from(roadmapSnapshots).where(eq(roadmapSnapshots.roadmapId, roadmap.id))
		).toHaveLength(1);
		expect(readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc)).toEqual(before);
		// Editing goes on after compaction, and a fresh client sees everything.
		setTaskField(client.doc, readRoadmap(client.doc).tasks[0].id, 'progress', 77);
		await eventually(() => expect(client.isSaved()).toBe(true));
		const fresh = await open(roadmap.id, owner.browser);
		expect(readRoadmap(fresh.doc).tasks[0].progress).toBe(77);
	});

	it('a new client is answered from the stored log before the room is built; every change renews what new clients get', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const writerA = await open(roadmap.id, owner.browser);
		const taskId = readRoadmap(writerA.doc).tasks[0].id;
		for (let i = 1; i <= 5; i++) {
			setTaskField(writerA.doc, taskId, 'progress', i * 10);
			await eventually(() => expect(writerA.isSaved()).toBe(true));
		}
		await ensureProjected(db(), roadmap.id);
		await compactRoadmap(db(), roadmap.id);
		setTaskField(writerA.doc, taskId, 'status', 'in_progress'); // a log row after the snapshot
		await eventually(() => expect(writerA.isSaved()).toBe(true));
		writerA.destroy();
		const rooms = (app.services.collab as unknown as { rooms: Map<string, unknown> }).rooms;
		await eventually(() => expect(rooms.has(roadmap.id)).toBe(false), 5_000);
		// Eviction compacts the log (after forgetting the room: wait for it to finish).
		await eventually(async () => expect(await logCount(roadmap.id)).toBe(0), 5_000);
		// One more row after the snapshot, written with no room live.
		await app.services.collab.change(roadmap.id, owner.id, (doc) =>
			setTaskField(doc, taskId, 'progress', 60)
		);
		expect(await logCount(roadmap.id)).toBe(1);

		if (kind === 'postgres') {
			// Cold, with the room's read of the log held back (a table lock) until the peer's ask
			// has surely arrived: it is sent sync step 2 before anything else (the room would
			// otherwise greet a writer with its own sync step 1 first).
			const driver = app.services.database.driver;
			if (driver.kind !== 'postgres') throw new Error('unreachable');
			const blocker = await driver.pool.connect();
			await blocker.query('begin; lock table roadmap_snapshots in access exclusive mode');
			const raw = rawSocket(app, `/collab/${roadmap.id}`, headersFor(app, owner.browser));
			const firstMessage = new Promise<Buffer>((resolve) => raw.ws.once('message', resolve));
			await raw.opened;
			raw.ws.send(askForEverything());
			await new Promise((r) => setTimeout(r, 300));
			await blocker.query('rollback');
			blocker.release();
			// The row after the snapshot comes first, as an update (sync 0, update 2), so that the
			// snapshot's sync step 2 ends the answer.
			const first = await firstMessage;
			expect([...first.subarray(0, 2)]).toEqual([0, 2]);
			raw.ws.close();
			await eventually(() => expect(rooms.has(roadmap.id)).toBe(false), 5_000);
		}

		const stored = readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc);
		const cold = await open(roadmap.id, owner.browser);
		expect(readRoadmap(cold.doc)).toEqual(stored);
		expect(readRoadmap(cold.doc).tasks[0]).toMatchObject({ progress: 60, status: 'in_progress' });
		const warm = await open(roadmap.id, owner.browser);
		expect(readRoadmap(warm.doc)).toEqual(stored);

		// A change after that: the next new client must get it, not the copy kept from before.
		setTaskField(cold.doc, taskId, 'progress', 80);
		await eventually(() => expect(cold.isSaved()).toBe(true));
		await eventually(() => expect(readRoadmap(warm.doc).tasks[0].progress).toBe(80));
		const later = await open(roadmap.id, owner.browser);
		expect(readRoadmap(later.doc).tasks[0].progress).toBe(80);
	});

	it('revokes within 2 s: demotion makes read-only, removal and sign-out close the socket', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const editor = await member(roadmap.id, 'editor');
		const leaver = await member(roadmap.id, 'editor');
		const signer = await member(roadmap.id, 'editor');
		const e = await open(roadmap.id, editor.browser);
		const l = await open(roadmap.id, leaver.browser);
		const s = await open(roadmap.id, signer.browser);

		await setMemberRole(db(), roadmap.id, 'owner', editor.id, 'viewer');
		await removeMember(db(), roadmap.id, leaver.id);
		await invalidateSession(db(), signer.sessionId);
		const start = Date.now();
		await eventually(() => {
			expect(e.notices).toContainEqual({ kind: 'read-only', reason: 'role' });
			expect(l.closes).toContainEqual(expect.objectContaining({ code: 4403 }));
			expect(s.closes).toContainEqual(expect.objectContaining({ code: 4401 }));
		}, 2_000);
		expect(Date.now() - start).toBeLessThan(2_000);

		const before = await logCount(roadmap.id);
		setTaskField(e.doc, readRoadmap(e.doc).tasks[0].id, 'progress', 99);
		await eventually(() =>
			expect(e.notices).toContainEqual({ kind: 'write-rejected', reason: 'read-only' })
		);
		expect(await logCount(roadmap.id)).toBe(before);
	});

	it('survives hostile frames: the socket closes, the doc and the process do not change', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const watcher = await open(roadmap.id, owner.browser);
		const before = await logCount(roadmap.id);
		const snapshot = JSON.stringify(readRoadmap(watcher.doc));
		const frame = (build: (e: encoding.Encoder) => void) => {
			const e = encoding.createEncoder();
			build(e);
			return Buffer.from(encoding.toUint8Array(e));
		};
		const hostile: [string, Buffer | string, number][] = [
			['oversized', Buffer.alloc(3 * 1024 * 1024, 1), 1009],
			['text frame', 'hello', 1008],
			['empty', Buffer.alloc(0), 1007],
			['unknown type', frame((e) => encoding.writeVarUint(e, 42)), 1007],
			['truncated sync', Buffer.from([0, 2]), 1007],
			[
				'update claiming 2 GiB',
				frame((e) => {
					encoding.writeVarUint(e, 0);
					encoding.writeVarUint(e, 2);
					encoding.writeVarUint(e, 2 ** 31);
					encoding.writeUint8(e, 1);
				}),
				1007
			],
			[
				'garbage update',
				frame((e) => {
					encoding.writeVarUint(e, 0);
					encoding.writeVarUint(e, 2);
					encoding.writeVarUint8Array(e, new Uint8Array([255, 255, 255, 255, 15, 1, 2, 3]));
				}),
				1007
			],
			[
				'random bytes',
				Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 73 + 11) % 256)),
				1007
			],
			[
				'awareness with bad JSON',
				frame((e) => {
					encoding.writeVarUint(e, 1);
					const inner = encoding.createEncoder();
					encoding.writeVarUint(inner, 1);
					encoding.writeVarUint(inner, 5);
					encoding.writeVarUint(inner, 1);
					encoding.writeVarString(inner, '{not json');
					encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
				}),
				1007
			]
		];
		for (const [name, data, code] of hostile) {
			const { ws, opened, closed } = rawSocket(
				app,
				`/collab/${roadmap.id}`,
				headersFor(app, owner.browser)
			);
			await opened;
			ws.send(data, { binary: typeof data !== 'string' });
			const result = await closed;
			expect(result.code, name).toBe(code);
		}
		expect(await logCount(roadmap.id)).toBe(before);
		expect(JSON.stringify(readRoadmap(watcher.doc))).toBe(snapshot);
		expect((await call(app, {}, '/healthz')).status).toBe(200);
		// And honest editing still works.
		setTaskField(watcher.doc, readRoadmap(watcher.doc).tasks[0].id, 'progress', 5);
		await eventually(() => expect(watcher.isSaved()).toBe(true));
	});

	it('takes presence identity from the session, not from the client', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const editor = await member(roadmap.id, 'editor');
		await createOrganization(db(), editor.id, {
			name: '서울대학교',
			nameEn: 'Seoul National University',
			sector: 'academia'
		});
		const a = await open(roadmap.id, owner.browser);
		const b = await open(roadmap.id, editor.browser);
		b.provider.awareness.setLocalStateField('user', { name: 'The Minister', color: '#000' });
		b.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
		await eventually(() => {
			const seen = a.provider.awareness.getStates().get(b.doc.clientID) as
				| { user: { name: string; organization: string; organizationEn: string }; cursor: unknown }
				| undefined;
			expect(seen?.user.name).toBe('editor person');
			// Both names of their organization: each reader sees the one in their language.
			expect(seen?.user.organization).toBe('서울대학교');
			expect(seen?.user.organizationEn).toBe('Seoul National University');
			expect(seen?.cursor).toEqual({ anchor: 1 });
		});
	});

	it('loads a roadmap once when many connect at the same moment, and all converge', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const many = await Promise.all(
			Array.from({ length: 6 }, () => open(roadmap.id, owner.browser))
		);
		setTaskField(many[0].doc, readRoadmap(many[0].doc).tasks[2].id, 'status', 'done');
		await eventually(() => {
			for (const c of many) expect(readRoadmap(c.doc).tasks[2].status).toBe('done');
		});
		expect(Y.encodeStateVector(many[5].doc)).toEqual(Y.encodeStateVector(many[0].doc));
	});
});
