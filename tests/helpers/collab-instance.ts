/**
 * A bare collaboration server joined to Redis, on its own port over a shared database: one
 * "instance" of a several-instance deployment, for tests of what crosses between instances.
 */
import http from 'node:http';
import { Redis } from 'ioredis';
import { CollabServer } from '../../server/collab/server';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './databases';

export interface CollabInstance {
	collab: CollabServer;
	url: string;
	stop(): Promise<void>;
}

export async function startCollabInstance(handle: TestDatabase): Promise<CollabInstance> {
	const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 2 });
	const collab = new CollabServer({
		database: handle.database,
		origin: undefined,
		redis,
		log: () => {}
	});
	const server = http.createServer((_req, res) => res.end());
	server.on('upgrade', (req, socket, head) => void collab.handleUpgrade(req, socket, head));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	return {
		collab,
		url: `http://127.0.0.1:${port}`,
		async stop() {
			await collab.close();
			server.closeAllConnections();
			await new Promise((r) => server.close(r));
			redis.disconnect();
		}
	};
}

/** Whether this run has both Postgres and Redis, which several instances need. */
export const withRedis = !!process.env.DATABASE_URL && !!process.env.REDIS_URL;

/**
 * For a describe block: one fresh Postgres database, instances started on it as the tests ask,
 * and everything stopped afterwards (`onStop` first: clients to close before the servers).
 */
export function useCollabInstances() {
	let handle: TestDatabase;
	const stops: (() => Promise<void>)[] = [];
	beforeAll(async () => {
		handle = await createTestDatabase('postgres');
	});
	afterAll(async () => {
		for (const stop of stops) await stop();
		await handle?.dispose();
	});
	return {
		db: () => handle.database.db,
		async instance() {
			const started = await startCollabInstance(handle);
			stops.push(started.stop);
			return started;
		},
		onStop: (stop: () => void | Promise<void>) => void stops.unshift(async () => stop())
	};
}
