/** Start-up and shutdown of the services every entry point shares (production, dev, tests). */
import { Redis } from 'ioredis';
import { openDatabase } from '../db/client';
import { createThrottle, THROTTLE_RULES } from '../src/lib/server/auth/throttle';
import { startUpkeep } from '../db/maintenance';
import { migrateDatabase } from '../db/migrate';
import { seedDatabase } from '../db/seed';
import type { Config } from '../src/lib/server/config';
import { setServices, type Services } from '../src/lib/server/context';
import { projectRoadmapsBehind } from '../src/lib/server/roadmaps/projector';
import { CollabServer } from './collab/server';
import { ReportRenderPool } from './reports/render-pool';

export interface StartOptions {
	/** Skip the demo content (tests that want an empty database). */
	seed?: boolean;
	/** The bundled report worker (build/report-worker.js); without it reports render in-process. */
	reportWorker?: URL;
	/** The bundled PGlite worker (build/pglite-worker.js); without it PGlite runs in-process. */
	pgliteWorker?: URL;
	/** The bundled merge worker (build/state-worker.js); without it large logs merge in-process. */
	stateWorker?: URL;
	log?: (message: string) => void;
}

export type StartedServices = Services & { collab: CollabServer };

/** How often connections are re-checked on PGlite (CollabServer's default is 1 s). */
const PGLITE_SWEEP_MS = 10_000;
/** How long after start-up the projection's sweep of roadmaps a crash left behind begins. */
const START_SWEEP_DELAY_MS = 3_000;

/**
 * Of a stop's time (SHUTDOWN_TIMEOUT_MS), what compacting large rooms' logs may take: 2 s of the
 * default 10, less when the stop must be quicker. The HTTP drain gets the rest (server/index.ts).
 */
export const compactionOnStopMs = (shutdownTimeoutMs: number) =>
	Math.min(2_000, Math.floor(shutdownTimeoutMs / 5));

export async function startServices(
	config: Config,
	options: StartOptions = {}
): Promise<StartedServices> {
	const log = options.log ?? (() => {});
	const database = await openDatabase({
		url: config.databaseUrl,
		dataDir: config.dataDir,
		pgliteWorker: options.pgliteWorker
	});
	try {
		await migrateDatabase(database);
		log(`database: ${database.kind} at ${database.location}, migrations applied`);
		if (options.seed !== false) {
			const seeded = await seedDatabase(database);
			log(seeded.created ? 'seed: demo roadmap created' : 'seed: demo roadmap already present');
		}
	} catch (error) {
		await database.close().catch(() => {});
		throw error;
	}
	const redis = config.redisUrl ? connectRedis(config.redisUrl, log) : undefined;
	const collab = new CollabServer({
		database,
		origin: config.origin,
		redis,
		maxConnectionsPerUser: config.collabMaxConnectionsPerUser,
		maxConnectionsPerIp: config.collabMaxConnectionsPerIp,
		stateWorker: options.stateWorker,
		shutdownCompactionMs: compactionOnStopMs(config.shutdownTimeoutMs),
		// Everything that takes access away (sign-out, removal, archiving) goes through a server
		// that re-checks its sockets at once; the periodic sweep is for other instances' changes
		// and for sessions running out. PGlite is one process's database: there are no other
		// instances, so the sweep can be slow, and the idle CPU of every open page goes with it
		// (bench/idle.mjs).
		...(database.kind === 'pglite' ? { sweepIntervalMs: PGLITE_SWEEP_MS } : {}),
		log: (m) => log(`collab: ${m}`)
	});
	const reports = options.reportWorker ? new ReportRenderPool(options.reportWorker) : undefined;
	let stopping = false;
	let cancelSweepWait = () => {};
	// A crash can leave roadmaps' projections behind their logs. Catching one up reads its whole
	// doc (about a second for 5 × 2,000 milestones, and PGlite's one connection meanwhile), so the
	// sweep waits for the pages that reconnect at once after a restart to be answered first, and
	// passes over roadmaps whose room is open by then: a room projects its own when it loads.
	// Readers of the projection (the JSON API, reports) catch up for themselves meanwhile.
	const sweep = new Promise<void>((resolve) => {
		const timer = setTimeout(resolve, START_SWEEP_DELAY_MS);
		cancelSweepWait = () => (clearTimeout(timer), resolve());
	})
		.then(() =>
			stopping
				? 0
				: projectRoadmapsBehind(database.db, {
						log: (m) => log(`projection: ${m}`),
						stopped: () => stopping,
						skip: (id) => collab.hasRoom(id)
					})
		)
		.then(
			(count) => {
				if (count) log(`projection: ${count} roadmap(s) caught up with their log after a restart`);
			},
			(error: Error) => log(`projection: start-up sweep failed: ${error.message}`)
		);
	// Postgres vacuums and analyzes itself; PGlite has no autovacuum (db/maintenance.ts).
	const upkeep =
		database.kind === 'pglite'
			? startUpkeep(database, { log: (m) => log(`database: ${m}`) })
			: null;
	const services: Services = {
		config,
		database,
		throttle: createThrottle({
			redis,
			rules: {
				...THROTTLE_RULES,
				signUpIp: { ...THROTTLE_RULES.signUpIp, points: config.signupsPerIpPerHour },
				inviteAcceptIp: { ...THROTTLE_RULES.inviteAcceptIp, points: config.inviteAcceptsPerIp }
			}
		}),
		collab,
		reports,
		closeExtras: async () => {
			// The sweep finishes the roadmap it is on; pending writes commit before the database closes.
			stopping = true;
			cancelSweepWait();
			const upkeepStopped = upkeep?.stop();
			await sweep;
			await upkeepStopped;
			await collab.close();
			await reports?.close();
			await redis?.quit().catch(() => redis.disconnect());
		}
	};
	setServices(services);
	return { ...services, collab };
}

export async function stopServices(services: Services): Promise<void> {
	setServices(undefined);
	await services.closeExtras?.();
	await services.database.close();
}

function connectRedis(url: string, log: (message: string) => void): Redis {
	// Commands fail fast while Redis is away instead of queueing without bound.
	const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: false });
	let reported = false;
	redis.on('error', (error) => {
		if (!reported) log(`redis: ${error.message} (retrying)`);
		reported = true;
	});
	redis.on('ready', () => {
		reported = false;
		log('redis: connected');
	});
	return redis;
}
