/**
 * The real app (SvelteKit's built handler under our server module) on port 0, in this test
 * process, over a fresh database, so tests can arrange data directly and then act over HTTP.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DatabaseKind } from '../../db/client';
import { seedDatabase } from '../../db/seed';
import { createAppServer, type RequestHandler } from '../../server/app';
import { createThrottle, type ThrottleRules } from '../../src/lib/server/auth/throttle';
import { readConfig } from '../../src/lib/server/config';
import { setServices, type Services } from '../../src/lib/server/context';
import { CollabServer, type CollabOptions } from '../../server/collab/server';
import { assertBuilt } from './server-process';
import { createTestDatabase } from './databases';

const PLAIN_HTTP_HEADER = 'x-ieum-plain-http';

export interface TestApp {
	url: string;
	services: Services & { collab: CollabServer };
	demoRoadmapId: string;
	close(): Promise<void>;
}

export async function startTestApp(
	kind: DatabaseKind,
	options: { rules?: ThrottleRules; collab?: Partial<CollabOptions> } = {}
): Promise<TestApp> {
	assertBuilt();
	const handle = await createTestDatabase(kind);
	const { demoRoadmapId } = await seedDatabase(handle.database);
	const collab = new CollabServer({
		database: handle.database,
		origin: undefined,
		log: () => {},
		...options.collab
	});
	const services: Services & { collab: CollabServer } = {
		config: readConfig({}),
		database: handle.database,
		throttle: createThrottle({ rules: options.rules }),
		collab
	};
	setServices(services);
	delete process.env.ORIGIN;
	process.env.PROTOCOL_HEADER = PLAIN_HTTP_HEADER;
	// build/ is external in vite.config.ts: Node loads it as in production, untransformed.
	const entry = pathToFileURL(resolve('build/handler.js')).href;
	const { handler } = (await import(/* @vite-ignore */ entry)) as { handler: RequestHandler };
	const app = createAppServer({
		handler,
		plainHttpHeader: PLAIN_HTTP_HEADER,
		upgrade: (req, socket, head) => void collab.handleUpgrade(req, socket, head)
	});
	const port = await app.listen(0, '127.0.0.1');
	return {
		url: `http://127.0.0.1:${port}`,
		services,
		demoRoadmapId,
		async close() {
			await collab.close();
			await app.close();
			setServices(undefined);
			await handle.dispose();
		}
	};
}

/** Someone making requests: a session cookie, a Bearer token, or nothing. */
export interface Actor {
	cookie?: string;
	bearer?: string;
}

export interface Call {
	method?: string;
	/** Form fields (sent as a browser form post, expecting HTML). */
	form?: Record<string, string>;
	/** A JSON body. */
	json?: unknown;
	/** A JSON body as sent, for what JSON.stringify cannot make (nesting too deep). */
	rawJson?: string;
	headers?: Record<string, string>;
}

/** One request as `actor`, same-origin like a browser, never following redirects. */
export function call(app: TestApp, actor: Actor, path: string, init: Call = {}) {
	const headers: Record<string, string> = { origin: app.url, accept: 'text/html', ...init.headers };
	if (actor.cookie) headers.cookie = actor.cookie;
	if (actor.bearer) headers.authorization = `Bearer ${actor.bearer}`;
	let body: string | undefined;
	if (init.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(init.form).toString();
	} else if (init.json !== undefined || init.rawJson !== undefined) {
		headers['content-type'] = 'application/json';
		headers.accept = 'application/json';
		body = init.rawJson ?? JSON.stringify(init.json);
	}
	return fetch(app.url + path, {
		method: init.method ?? (body === undefined ? 'GET' : 'POST'),
		headers,
		body,
		redirect: 'manual'
	});
}
