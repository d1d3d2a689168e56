// Shared bench plumbing: start our server or the reference server as child processes on
// loopback ports, make a user and roadmaps, and connect writers (real y-websocket providers)
// and light receivers (raw sockets that timestamp the updates they are sent).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function rssMb(pid) {
	try {
		const line = readFileSync(`/proc/${pid}/status`, 'utf8')
			.split('\n')
			.find((l) => l.startsWith('VmRSS'));
		return Math.round(Number(line.split(/\s+/)[1]) / 1024);
	} catch {
		return NaN;
	}
}

function waitForLine(child, pattern, timeoutMs = 60_000) {
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(
			() => reject(new Error(`timed out waiting for ${pattern}:\n${output}`)),
			timeoutMs
		);
		const onData = (chunk) => {
			output += chunk;
			const match = pattern.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
	});
}

/** Our production build, on a fresh PGlite folder (or DATABASE_URL when given). */
export async function startOurs({
	dataDir,
	env = {},
	entry = 'build/server.js',
	nodeArgs = []
} = {}) {
	const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'ieum-bench-'));
	const child = spawn(process.execPath, [...nodeArgs, entry], {
		env: {
			PATH: process.env.PATH,
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dir,
			DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
			COLLAB_MAX_CONNECTIONS_PER_USER: '100000',
			COLLAB_MAX_CONNECTIONS_PER_IP: '100000',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const [, port] = await waitForLine(child, /listening on http:\/\/[^:]+:(\d+)/);
	return {
		child,
		dataDir: dir,
		url: `http://127.0.0.1:${port}`,
		ws: `ws://127.0.0.1:${port}/collab`
	};
}

/** The plain y-websocket reference server (in memory, no auth). */
export async function startReference() {
	const port = 20000 + Math.floor(Math.random() * 20000);
	const child = spawn(process.execPath, ['node_modules/@y/websocket-server/src/server.js'], {
		env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	await waitForLine(child, /running at/);
	return { child, ws: `ws://127.0.0.1:${port}` };
}

export async function stop(server, signal = 'SIGTERM') {
	if (server.child.exitCode !== null) return;
	const exited = new Promise((r) => server.child.once('exit', r));
	server.child.kill(signal);
	await exited;
}

/** Signs up a bench user on our server; returns headers for websocket upgrades and API calls. */
export async function benchUser(url) {
	const email = `bench-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`;
	const response = await fetch(`${url}/signup`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ name: 'Bench', email, password: 'bench password 1' })
	});
	const cookie = response.headers
		.getSetCookie()
		.find((c) => c.startsWith('ieum_session='))
		?.split(';')[0];
	if (!cookie) throw new Error(`sign-up failed: ${response.status}`);
	return { cookie, origin: url };
}

export async function createRoadmaps(url, user, count, template = 'blank') {
	const ids = [];
	for (let i = 0; i < count; i++) {
		const r = await fetch(`${url}/api/v1/roadmaps`, {
			method: 'POST',
			headers: { cookie: user.cookie, origin: url, 'content-type': 'application/json' },
			body: JSON.stringify({ title: `Bench ${i}`, template })
		});
		ids.push((await r.json()).id);
	}
	return ids;
}

function socketClass(headers) {
	return class extends WebSocket {
		constructor(u, protocols) {
			super(u, protocols, { headers });
			this.on('unexpected-response', (_req, res) => {
				if (process.env.BENCH_VERBOSE) console.log(`upgrade refused: ${res.statusCode}`);
				this.emit('error', new Error(`upgrade refused: ${res.statusCode}`));
				res.resume();
			});
		}
	};
}

/** A real y-websocket provider; `saved` tracks our "saved" messages (type 100). */
export function writer(wsUrl, room, headers = {}) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(wsUrl, room, doc, {
		WebSocketPolyfill: socketClass(headers),
		disableBc: true,
		maxBackoffTime: 500
	});
	const state = { doc, provider, committed: new Map() };
	provider.messageHandlers[100] = (_e, decoder) => {
		state.committed = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
	};
	provider.messageHandlers[101] = (_e, decoder) => void decoding.readVarString(decoder);
	return state;
}

export function synced(provider, timeoutMs = 30_000) {
	if (provider.synced) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error('not synced')), timeoutMs);
		provider.once('sync', () => {
			clearTimeout(t);
			resolve();
		});
	});
}

/**
 * A receiver that keeps no document: it looks for `@@<marker>@@` in each message and reports
 * when it saw it. Cheap enough to run a thousand in one process beside the server under test.
 */
export function receiver(wsUrl, room, headers, onMarker) {
	const ws = new WebSocket(`${wsUrl}/${room}`, { headers });
	ws.binaryType = 'nodebuffer';
	const opened = new Promise((resolve, reject) => {
		ws.once('open', resolve);
		ws.once('error', reject);
	});
	ws.on('error', () => {});
	ws.on('message', (data) => {
		const now = performance.now();
		let from = 0;
		for (;;) {
			const start = data.indexOf('@@', from);
			if (start < 0) return;
			const end = data.indexOf('@@', start + 2);
			if (end < 0) return;
			onMarker(data.toString('latin1', start + 2, end), now);
			from = end + 2;
		}
	});
	return { ws, opened };
}

export function percentile(sorted, p) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
