import http from 'node:http';
import { Redis } from 'ioredis';
import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { roadmapSnapshots } from '../../db/schema';
import { CollabServer, type CollabOptions } from '../../server/collab/server';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import { readRoadmap, setTaskField } from '../../src/lib/roadmap/doc';
import type { TestApp } from '../helpers/app';
import { connect, eventually, synced, type TestClient } from '../helpers/collab-client';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';

const enabled = !!process.env.DATABASE_URL && !!process.env.REDIS_URL;
if (!enabled) console.warn('[tests] multi-instance leg SKIPPED: needs DATABASE_URL and REDIS_URL');

interface Instance {
	collab: CollabServer;
	server: http.Server;
	redis: Redis;
	url: string;
}

describe.runIf(enabled)('two instances behind Redis', () => {
	let handle: TestDatabase;
	let owner: BuiltUser;
	const instances: Instance[] = [];
	const clients: TestClient[] = [];

	async function startInstance(options: Partial<CollabOptions> = {}): Promise<Instance> {
		const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 2 });
		const collab = new CollabServer({
			database: handle.database,
			origin: undefined,
			redis,
			log: () => {},
			...options
		});
		const server = http.createServer((_req, res) => res.end());
		server.on('upgrade', (req, socket, head) => void collab.handleUpgrade(req, socket, head));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as { port: number }).port;
		const instance = { collab, server, redis, url: `http://127.0.0.1:${port}` };
		instances.push(instance);
		return instance;
	}
	const open = async (instance: Instance, roadmapId: string) => {
		const client = connect({ url: instance.url } as TestApp, roadmapId, owner.browser);
		clients.push(client);
		await synced(client);
		return client;
	};

	beforeAll(async () => {
		handle = await createTestDatabase('postgres');
		owner = await buildUser(handle.database.db);
	});
	afterAll(async () => {
		for (const c of clients) c.destroy();
		for (const i of instances) {
			await i.collab.close();
			i.server.closeAllConnections();
			await new Promise((r) => i.server.close(r));
			i.redis.disconnect();
		}
		await handle?.dispose();
	});

	it('relays an edit committed on one instance to peers on the other', async () => {
		const [one, two] = [await startInstance(), await startInstance()];
		const roadmap = await buildRoadmap(handle.database.db, owner.id);
		const a = await open(one, roadmap.id);
		const b = await open(two, roadmap.id);
		const taskId = readRoadmap(a.doc).tasks[0].id;
		setTaskField(a.doc, taskId, 'status', 'in_progress');
		await eventually(() => expect(readRoadmap(b.doc).tasks[0].status).toBe('in_progress'));
		setTaskField(b.doc, taskId, 'progress', 60);
		await eventually(() => expect(readRoadmap(a.doc).tasks[0].progress).toBe(60));
	});

	it('a missed Redis message costs latency, not data: the next commit catches up from the log', async () => {
		const [one, two] = instances;
		const roadmap = await buildRoadmap(handle.database.db, owner.id);
		const a = await open(one, roadmap.id);
		const b = await open(two, roadmap.id);
		const [t0, t1] = readRoadmap(a.doc).tasks.map((t) => t.id);
		// Its first catch-up (after subscribing) must not be what brings A's write over.
		await two.collab.whenListening(roadmap.id);
		// Instance two stops hearing about this roadmap (as if Redis dropped the messages).
		await (
			two.collab as unknown as { relay: { unsubscribe(id: string): Promise<void> } }
		).relay.unsubscribe(roadmap.id);
		setTaskField(a.doc, t0, 'status', 'delayed');
		await eventually(() => expect(a.isSaved()).toBe(true));
		await new Promise((r) => setTimeout(r, 200));
		expect(readRoadmap(b.doc).tasks[0].status).toBe('planned');
		// B writes: its instance's commit reads what it missed and relays it along.
		setTaskField(b.doc, t1, 'status', 'done');
		await eventually(() => expect(readRoadmap(b.doc).tasks[0].status).toBe('delayed'));
		await eventually(() => expect(b.isSaved()).toBe(true));
	});

	it('compaction and eviction stay correct with two instances writing one roadmap', async () => {
		// Both compact after every 3 commits and let an empty room go after 50 ms.
		const fast = { compactAfter: 3, idleEvictMs: 50 };
		const [one, two] = [await startInstance(fast), await startInstance(fast)];
		const roadmap = await buildRoadmap(handle.database.db, owner.id);
		const a = await open(one, roadmap.id);
		const b = await open(two, roadmap.id);
		const keys = (doc: Y.Doc) => [...doc.getMap('writes').keys()].sort();
		const expected: string[] = [];
		for (let i = 0; i < 30; i++) {
			a.doc.getMap('writes').set(`a${i}`, i);
			b.doc.getMap('writes').set(`b${i}`, i);
			expected.push(`a${i}`, `b${i}`);
			if (i % 5 === 4) await new Promise((r) => setTimeout(r, 20)); // several commits each
		}
		expected.sort();
		await eventually(() => {
			expect(keys(a.doc)).toEqual(expected);
			expect(keys(b.doc)).toEqual(expected);
		}, 10_000);
		// B leaves: instance two evicts (and compacts) the room while A keeps writing on one.
		b.destroy();
		await eventually(() => expect(two.collab.stats().rooms).toBe(0), 5_000);
		for (let i = 30; i < 40; i++) a.doc.getMap('writes').set(`a${i}`, i);
		expected.push(...Array.from({ length: 10 }, (_, i) => `a${30 + i}`));
		expected.sort();
		await eventually(() => expect(a.isSaved()).toBe(true));
		const [snapshot] = await handle.database.db
			.select({ uptoSeq: roadmapSnapshots.uptoSeq })
			.from(roadmapSnapshots)
			.where(eq(roadmapSnapshots.roadmapId, roadmap.id));
		expect(snapshot.uptoSeq).toBeGreaterThan(0); // compaction did run
		// A new client on the instance that evicted the room, and the log itself, have it all.
		const c = await open(two, roadmap.id);
		await eventually(() => expect(keys(c.doc)).toEqual(expected));
		const { doc } = await loadRoadmapDoc(handle.database.db, roadmap.id);
		expect(keys(doc)).toEqual(expected);
	});
});
