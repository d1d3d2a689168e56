/**
 * Production entry: `node build/server.js` (bundled from this file by scripts/build-server.js).
 * One process, one port: SvelteKit pages and API over HTTP, collaboration over websockets.
 */
import { ConfigError, readConfig } from '../src/lib/server/config';

import { createAppServer, type AppServer, type RequestHandler } from './app';
import { compactionOnStopMs, startServices, stopServices, type StartedServices } from './bootstrap';

const log = (message: string) => console.log(`[ieum] ${message}`);
const PLAIN_HTTP_HEADER = 'x-ieum-plain-http';
/**
 * A stop never takes longer than SHUTDOWN_TIMEOUT_MS (default 10 s, what orchestrators wait
 * before killing): a write that could not commit in time (database away) was never acknowledged,
 * so its page sends it again to another instance.
 */
let stopDeadlineMs = 10_000;

let services: StartedServices | undefined;
let servicesStarting: Promise<StartedServices> | undefined;
let app: AppServer | undefined;
let stopping = false;

/** Stops whatever has started so far; safe to call at any point of start-up. */
async function stop(signal: string) {
	if (stopping) return;
	stopping = true;
	log(`${signal} received: finishing in-flight requests`);
	setTimeout(() => {
		console.error(`[ieum] not stopped within ${stopDeadlineMs} ms: exiting anyway`);
		process.exit(1);
	}, stopDeadlineMs - 250).unref();
	try {
		// Interrupting a migration or the PGlite start mid-write is worse than waiting for it.
		await servicesStarting?.catch(() => {});
		// Websockets first (peers told to reconnect elsewhere, received writes committed), then
		// HTTP, then the database.
		await services?.collab.close();
		await app?.close();
		if (services) await stopServices(services);
		log('stopped cleanly');
		process.exit(0);
	} catch (error) {
		console.error('[ieum] error while stopping:', error);
		process.exit(1);
	}
}

async function main() {
	// Before anything else, so a signal during start-up still ends in a clean stop.
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));

	const config = readConfig();
	stopDeadlineMs = config.shutdownTimeoutMs;
	servicesStarting = startServices(config, {
		log,
		reportWorker: new URL('./report-worker.js', import.meta.url),
		pgliteWorker: new URL('./pglite-worker.js', import.meta.url),
		stateWorker: new URL('./state-worker.js', import.meta.url)
	});
	services = await servicesStarting;
	if (stopping) return;
	// adapter-node reads these when its handler module loads, so set them first.
	const plainHttpHeader = config.origin ? undefined : PLAIN_HTTP_HEADER;
	if (plainHttpHeader) {
		// A blank ORIGIN means unset to us; adapter-node would reject it as an invalid URL.
		delete process.env.ORIGIN;
		process.env.PROTOCOL_HEADER = plainHttpHeader;
	} else {
		process.env.ORIGIN = config.origin;
	}
	// The SvelteKit handler sits next to this bundle in build/; load it once services exist.
	const { handler } = (await import(new URL('./handler.js', import.meta.url).href)) as {
		handler: RequestHandler;
	};
	const collab = services.collab;
	app = createAppServer({
		handler,
		plainHttpHeader,
		log,
		upgrade: (req, socket, head) => void collab.handleUpgrade(req, socket, head),
		// The rest of the stop (websockets and compaction before, the database after) needs its
		// share too.
		shutdownTimeoutMs: Math.max(
			0,
			config.shutdownTimeoutMs - 2_000 - compactionOnStopMs(config.shutdownTimeoutMs)
		)
	});
	const port = await app.listen(config.port, config.host);
	const origin = config.origin ?? 'taken from the Host header, over http';
	log(`listening on http://${config.host}:${port} (public origin: ${origin})`);
}

main().catch((error) => {
	if (error instanceof ConfigError) {
		console.error(`[ieum] configuration error: ${error.message}`);
	} else {
		console.error('[ieum] failed to start:', error);
	}
	process.exit(1);
});
