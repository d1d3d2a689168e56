/**
 * Several instances as one: three production processes (`node build/server.js`) on different
 * ports sharing one Postgres database and one Redis of our own (started and killed here; the
 * machine's shared Redis is never touched). The instances are shared by the tests, in order:
 * converge; kill -9 one (presence expires, its clients move on); Redis down and back; SIGTERM.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMilestone, assignOwner, readRoadmap, taskTitleText } from '../../src/lib/roadmap/doc';
import type { TestApp } from '../helpers/app';
import { connect, eventually, synced, type TestClient } from '../helpers/collab-client';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { buildRoadmap, buildUser, grantRole, type BuiltUser } from '../helpers/factories';
import {
	failoverProxy,
	throwawayRedis,
	type Balancer,
	type ThrowawayRedis
} from '../../bench/instances.mjs';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

const enabled = !!process.env.DATABASE_URL && !!process.env.REDIS_URL;
if (!enabled)
	console.warn('[tests] multi-process instances SKIPPED: needs DATABASE_URL and REDIS_URL');

describe.runIf(enabled)('three instances sharing one Postgres and one Redis', () => {
	let handle: TestDatabase;
	let redis: ThrowawayRedis;
	let owner: BuiltUser;
	let other: BuiltUser;
	let roadmapId: string;
	const instances: ServerProcess[] = [];
	const clients: TestClient[] = [];
	const balancers: Balancer[] = [];

	const startInstance = () =>
		startServerProcess({ DATABASE_URL: handle.url!, REDIS_URL: redis.url });
	const on = (url: string, who: BuiltUser = owner) => {
		const client = connect({ url } as TestApp, roadmapId, who.browser);
		clients.push(client);
		return client;
	};
	/** A client behind a balancer that prefers the instances in this order (first alive wins). */
	const behindBalancer = async (preferred: ServerProcess[]) => {
		const balancer = await failoverProxy(() =>
			preferred
				.filter((p) => p.child.exitCode === null && p.child.signalCode === null)
				.map((p) => p.port)
		);
		balancers.push(balancer);
		return on(balancer.url);
	};
	const health = async (instance: ServerProcess) => {
		const response = await fetch(`${instance.url}/healthz`);
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};

	beforeAll(async () => {
		handle = await createTestDatabase('postgres');
		redis = await throwawayRedis();
		owner = await buildUser(handle.database.db, { name: 'Owner Kim' });
		other = await buildUser(handle.database.db, { name: 'Editor Lee' });
		roadmapId = (await buildRoadmap(handle.database.db, owner.id)).id;
		await grantRole(handle.database.db, roadmapId, other.id, 'editor');
		instances.push(...(await Promise.all([startInstance(), startInstance(), startInstance()])));
	}, 90_000);
	afterAll(async () => {
		for (const c of clients) c.destroy();
		for (const b of balancers) await b.close();
		await Promise.all(instances.map((i) => i.stop('SIGKILL')));
		await redis?.kill();
		await handle?.dispose();
	});

	it('clients on three instances converge on text, milestones and owners', async () => {
		const [a, b, c] = instances.map((i) => on(i.url));
		await Promise.all([a, b, c].map((x) => synced(x)));
		const taskId = readRoadmap(a.doc).tasks[0].id;
		taskTitleText(a.doc, taskId, 'en')!.insert(0, 'From one. ');
		addMilestone(b.doc, { taskId, title: { en: 'Milestone from two' } }, 'ms-two');
		assignOwner(c.doc, taskId, { kind: 'user', id: owner.id, role: 'lead' });
		taskTitleText(c.doc, taskId, 'en')!.insert(0, 'From three. ');
		for (const x of [a, b, c]) {
			await eventually(() => {
				const task = readRoadmap(x.doc).tasks.find((t) => t.id === taskId)!;
				expect(task.title.en).toMatch(/^(From one\. From three\. |From three\. From one\. )/);
				expect(task.owners[`user:${owner.id}`]?.role).toBe('lead');
				expect(readRoadmap(x.doc).milestones.map((m) => m.title.en)).toContain(
					'Milestone from two'
				);
			}, 10_000);
		}
		const text = (x: TestClient) => taskTitleText(x.doc, taskId, 'en')!.toString();
		expect(text(b)).toBe(text(a));
		expect(text(c)).toBe(text(a));
		// The shared projection agrees, whichever instance is asked.
		await eventually(async () => {
			const view = (await (
				await fetch(`${instances[1].url}/api/v1/roadmaps/${roadmapId}`, {
					headers: { cookie: owner.browser.cookie!, origin: instances[1].url }
				})
			).json()) as { tasks: { id: string; titleEn: string; milestones: { id: string }[] }[] };
			const task = view.tasks.find((t) => t.id === taskId)!;
			expect(task.titleEn).toBe(text(a));
			expect(task.milestones.map((m) => m.id)).toContain('ms-two');
		}, 10_000);
	});

	it('presence crosses instances and vanishes after kill -9 of its instance; its clients move on, losing nothing acknowledged', async () => {
		const [one, two, three] = instances;
		const watcher = on(one.url);
		await synced(watcher);
		// Someone on instance three, and a writer whose balancer sends it to three first.
		const ghost = on(three.url, other);
		ghost.provider.awareness.setLocalStateField('cursor', { at: 1 });
		const writer = await behindBalancer([three, two]);
		await Promise.all([synced(ghost), synced(writer)]);
		const peerNames = () =>
			[...watcher.provider.awareness.getStates().entries()]
				.filter(([id]) => id !== watcher.doc.clientID)
				.map(([, s]) => (s as { user?: { name?: string } }).user?.name);
		// Stamped with the session's identity on instance three, seen on instance one.
		await eventually(() => expect(peerNames()).toContain('Editor Lee'), 10_000);

		const acked = trackAcknowledged(writer);
		const typing = setInterval(() => acked.write(), 20);
		await eventually(() => expect(acked.count()).toBeGreaterThan(10), 10_000);
		await three.stop('SIGKILL');
		const killedAt = Date.now();
		// Nobody said goodbye: instance one expires what three vouched for.
		await eventually(() => expect(peerNames()).not.toContain('Editor Lee'), 20_000);
		console.log(`[instances] ghost presence gone ${Date.now() - killedAt} ms after kill -9`);
		// The writer reconnected through the balancer to instance two and kept saving there.
		const before = acked.count();
		await eventually(() => expect(acked.count()).toBeGreaterThan(before + 10), 20_000);
		clearInterval(typing);
		await eventually(() => expect(acked.unacknowledged()).toBe(0), 10_000);
		const fresh = on(one.url);
		await synced(fresh);
		await eventually(() => expect(acked.missingFrom(fresh.doc)).toEqual([]), 10_000);
		instances.splice(2, 1);
	});

	it('Redis stopped mid-edit and started again: everyone keeps saving, edits still cross, nothing is lost', async () => {
		const [one, two] = instances;
		const a = on(one.url);
		const b = on(two.url);
		await Promise.all([synced(a), synced(b)]);
		const ackedA = trackAcknowledged(a, 'a');
		const ackedB = trackAcknowledged(b, 'b');
		const type = () => {
			ackedA.write();
			ackedB.write();
		};
		let typing = setInterval(type, 25);
		await eventually(() => expect(ackedA.count()).toBeGreaterThan(5), 10_000);
		await redis.kill();
		await eventually(async () => {
			const { status, body } = await health(one);
			expect(status).toBe(200);
			expect(body.redis).toBe('away');
		}, 10_000);
		// Both still save, and each sees the other's edits through the log check alone.
		const [savedA, savedB] = [ackedA.count(), ackedB.count()];
		await eventually(() => {
			expect(ackedA.count()).toBeGreaterThan(savedA + 10);
			expect(ackedB.count()).toBeGreaterThan(savedB + 10);
		}, 10_000);
		// Signing up (throttled through Redis) still works: the limits count locally meanwhile.
		const signUp = await fetch(`${one.url}/signup`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: one.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				name: 'Newcomer',
				email: `newcomer-${Date.now()}@example.org`,
				password: 'a long enough password'
			})
		});
		expect(signUp.status, await signUp.clone().text()).toBe(303);
		expect(signUp.headers.getSetCookie().join(';')).toContain('ieum_session=');
		// With nobody on instance two committing (whose commits would read the gap on their own),
		// only the periodic log check can bring this one over.
		clearInterval(typing);
		await eventually(() => expect(ackedB.unacknowledged()).toBe(0), 10_000);
		const marker = ackedA.write();
		const markedAt = Date.now();
		await eventually(() => expect(b.doc.getMap('writes').has(marker)).toBe(true), 10_000);
		console.log(`[instances] with Redis away an edit crossed in ${Date.now() - markedAt} ms`);
		typing = setInterval(type, 25);

		await redis.start();
		await eventually(async () => expect((await health(one)).body.redis).toBe('ready'), 15_000);
		await eventually(async () => expect((await health(two)).body.redis).toBe('ready'), 15_000);
		// Both instances hear the roadmap's channel again, without a restart.
		const probe = new Redis(redis.url, { maxRetriesPerRequest: 1 });
		try {
			await eventually(async () => {
				const [, listeners] = (await probe.pubsub('NUMSUB', `ieum:roadmap:${roadmapId}`)) as [
					string,
					number
				];
				expect(listeners).toBe(2);
			}, 10_000);
		} finally {
			probe.disconnect();
		}
		clearInterval(typing);
		await eventually(() => {
			expect(ackedA.unacknowledged()).toBe(0);
			expect(ackedB.unacknowledged()).toBe(0);
		}, 10_000);
		await eventually(() => {
			expect(ackedA.missingFrom(b.doc)).toEqual([]);
			expect(ackedB.missingFrom(a.doc)).toEqual([]);
		}, 10_000);
	});

	it('SIGTERM: pages are told to reconnect at once, move to another instance, and the process exits within 10 s', async () => {
		const [one, two] = instances;
		const writer = await behindBalancer([two, one]);
		const watcher = on(one.url);
		await Promise.all([synced(writer), synced(watcher)]);
		const acked = trackAcknowledged(writer, 'term');
		const typing = setInterval(() => acked.write(), 20);
		await eventually(() => expect(acked.count()).toBeGreaterThan(10), 10_000);
		const started = Date.now();
		const code = await two.stop('SIGTERM');
		const tookMs = Date.now() - started;
		expect(code).toBe(0);
		expect(tookMs).toBeLessThan(10_000);
		expect(writer.closes.map((c) => c.code)).toContain(1012);
		const before = acked.count();
		await eventually(() => expect(acked.count()).toBeGreaterThan(before + 10), 10_000);
		clearInterval(typing);
		await eventually(() => expect(acked.unacknowledged()).toBe(0), 10_000);
		await eventually(() => expect(acked.missingFrom(watcher.doc)).toEqual([]), 10_000);
	});
});

/**
 * Writes numbered keys into the doc's `writes` map and records which ones the server has
 * acknowledged as saved (its committed state vector covers the write).
 */
function trackAcknowledged(client: TestClient, prefix = 'w') {
	const pending: { key: string; clock: number }[] = [];
	const acknowledged: string[] = [];
	let n = 0;
	const ownClock = () => Y.getState(client.doc.store, client.doc.clientID);
	const check = () => {
		const committed = client.committed().get(client.doc.clientID) ?? 0;
		while (pending.length && pending[0].clock <= committed) acknowledged.push(pending.shift()!.key);
	};
	client.onSaved(check);
	return {
		write() {
			const key = `${prefix}${n++}`;
			client.doc.getMap('writes').set(key, n);
			pending.push({ key, clock: ownClock() });
			return key;
		},
		count: () => acknowledged.length,
		/** Writes still waiting for their "saved". */
		unacknowledged: () => pending.length,
		missingFrom: (doc: Y.Doc) => acknowledged.filter((k) => !doc.getMap('writes').has(k))
	};
}
