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
	// BENCH_SERVER_ENTRY=old-build/server.js runs another build (a copy of build/) for A/B runs.
	entry = process.env.BENCH_SERVER_ENTRY || 'build/server.js',
	// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles every server a bench starts.
	nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []
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
	// BENCH_SERVER_LOG=1 shows what the server writes (its log, warnings, probes) as it runs.
	if (process.env.BENCH_SERVER_LOG) {
		child.stdout.on('data', (chunk) => process.stderr.write(chunk));
		child.stderr.on('data', (chunk) => process.stderr.write(chunk));
	}
	const [, port] = await waitForLine(child, /listening on http:\/\/[^:]+:(\d+)/);
	return {
		child,
		dataDir: dir,
		url: `http://127.0.0.1:${port}`,
		ws: `ws://127.0.0.1:${port}/collab`
	};
}

/** Node arguments that preload bench/event-loop-probe.mjs (plus BENCH_NODE_ARGS). */
export const probedNodeArgs = () => [
	'--import',
	new URL('./event-loop-probe.mjs', import.meta.url).href,
	...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])
];

/**
 * Collects what bench/event-loop-probe.mjs reports from a server started with probedNodeArgs():
 * the longest event-loop delay of each 50 ms window. `between(from, to)` (epoch ms) gives the
 * windows' delays in that stretch.
 */
export function eventLoopDelays(server) {
	/** [epoch ms, longest delay in the 50 ms before it] */
	const windows = [];
	let partial = '';
	server.child.stderr.on('data', (chunk) => {
		const lines = (partial + chunk).split('\n');
		partial = lines.pop();
		for (const line of lines) {
			const m = /^\[event-loop\] (\d+) ([\d.]+)$/.exec(line);
			if (m) windows.push([Number(m[1]), Number(m[2])]);
		}
	});
	return {
		between: (from, to) =>
			windows.filter(([at]) => at >= from && at <= to + 50).map(([, delay]) => delay)
	};
}

/** The plain y-websocket reference server (in memory, no auth). */
export async function startReference() {
	// The reference takes a port, not 0: one below the ephemeral range (32768 up on Linux), where
	// the bench's own thousand client sockets cannot be holding it, and another if it is taken.
	for (let attempt = 1; ; attempt++) {
		const port = 10000 + Math.floor(Math.random() * 20000);
		const child = spawn(process.execPath, ['node_modules/@y/websocket-server/src/server.js'], {
			env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port) },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		try {
			await waitForLine(child, /running at/);
			return { child, ws: `ws://127.0.0.1:${port}` };
		} catch (error) {
			if (attempt >= 5 || !/EADDRINUSE/.test(String(error?.message))) throw error;
		}
	}
}

export async function stop(server, signal = 'SIGTERM') {
	if (server.child.exitCode !== null || server.child.signalCode !== null) return; // gone already
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
	return { cookie, origin: url, email };
}

/** Makes `user` (from benchUser) an editor of each of `roadmapIds`, as their owner `owner`. */
export async function addEditor(url, owner, roadmapIds, user) {
	for (const id of roadmapIds) {
		const r = await fetch(`${url}/api/v1/roadmaps/${id}/members`, {
			method: 'POST',
			headers: { cookie: owner.cookie, origin: url, 'content-type': 'application/json' },
			body: JSON.stringify({ email: user.email, role: 'editor' })
		});
		if (r.status !== 201) throw new Error(`adding an editor failed: ${r.status}`);
	}
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
	// Each provider listens for the process's exit (y-websocket, in Node) until destroyed; a bench
	// of 20 roadmaps has 40 at once, which is no leak: no warning for it.
	process.setMaxListeners(Math.max(process.getMaxListeners(), 1000));
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

/** CPU time (user + system, every thread) a process has used so far, in ms; NaN once it is gone. */
export function cpuMs(pid) {
	try {
		// Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
	} catch {
		return NaN;
	}
}
// Linux reports utime/stime in USER_HZ, 100 on every mainstream architecture.
const CLOCK_TICKS_PER_SECOND = 100;

export function percentile(sorted, p) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * A fresh Postgres database for one bench run (BENCH_ADMIN_URL names the server; default the
 * local one); sets BENCH_DATABASE_URL so startOurs uses it. `drop()` removes it.
 */
export async function benchDatabase() {
	const { default: pg } = await import('pg');
	const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const dbName = `ieum_bench_${Date.now()}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database "${dbName}"`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${dbName}`;
	process.env.BENCH_DATABASE_URL = url.toString();
	return {
		url: url.toString(),
		async drop() {
			const cleanup = new pg.Client({ connectionString: adminUrl });
			await cleanup.connect();
			await cleanup.query(`drop database if exists "${dbName}" with (force)`);
			await cleanup.end();
		}
	};
}

/**
 * Writes numbered keys into each writer's `bench` map every `everyMs` and follows our "saved"
 * messages as a page does: which writes were acknowledged, how many still wait, the longest
 * stretch any writer had something unsaved (from the first unsaved edit until everything is
 * confirmed), the longest any single edit waited for its "saved", and the longest "Saving…" a
 * page would have shown (it appears once the oldest unconfirmed edit is 300 ms old and stays
 * until everything is confirmed; see src/lib/collab/saving-delay.ts).
 */
export function typeAndTrack(writers, everyMs = 20) {
	const SHOW_AFTER_MS = 300;
	const pendingAck = writers.map(() => []);
	const acked = new Set();
	const unsavedSince = writers.map(() => null);
	const stats = { written: 0, longestSaving: 0, longestWait: 0, longestShown: 0, acked };
	const shownSince = writers.map(() => null);
	/** Starts a writer's "Saving…" once its oldest unconfirmed edit is old enough. */
	const updateShown = (i) => {
		const oldest = pendingAck[i][0];
		if (oldest && shownSince[i] === null && Date.now() - oldest[2] > SHOW_AFTER_MS)
			shownSince[i] = oldest[2] + SHOW_AFTER_MS;
	};
	const watcher = setInterval(() => writers.forEach((_, i) => updateShown(i)), 10);
	writers.forEach((w, i) => {
		const original = w.provider.messageHandlers[100];
		w.provider.messageHandlers[100] = (...a) => {
			original(...a);
			const committed = w.committed.get(w.doc.clientID) ?? 0;
			const now = Date.now();
			updateShown(i);
			while (pendingAck[i].length && pendingAck[i][0][1] <= committed) {
				const [key, , at] = pendingAck[i].shift();
				acked.add(key);
				if (process.env.BENCH_VERBOSE && now - at > 1000)
					console.log(`  writer ${i}: ${key} waited ${now - at} ms for "saved"`);
				stats.longestWait = Math.max(stats.longestWait, now - at);
			}
			if (!pendingAck[i].length && unsavedSince[i] !== null) {
				stats.longestSaving = Math.max(stats.longestSaving, now - unsavedSince[i]);
				unsavedSince[i] = null;
			}
			if (!pendingAck[i].length && shownSince[i] !== null) {
				stats.longestShown = Math.max(stats.longestShown, now - shownSince[i]);
				shownSince[i] = null;
			}
		};
	});
	const timers = writers.map((w, i) => {
		let n = 0;
		return setInterval(() => {
			const key = `w${i}n${n++}`;
			w.doc.getMap('bench').set(key, n);
			stats.written++;
			const own = w.doc.store.clients.get(w.doc.clientID);
			const last = own[own.length - 1];
			pendingAck[i].push([key, last.id.clock + last.length, Date.now()]);
			unsavedSince[i] ??= Date.now();
		}, everyMs);
	});
	return {
		stats,
		/** Stops typing and waits (up to `timeoutMs`) until every write is acknowledged. */
		async finish(timeoutMs = 30_000) {
			timers.forEach(clearInterval);
			const deadline = Date.now() + timeoutMs;
			while (pendingAck.some((p) => p.length) && Date.now() < deadline) await sleep(100);
			clearInterval(watcher);
			return pendingAck.reduce((n, p) => n + p.length, 0);
		}
	};
}

/** `--name N` from the command line as a number, else `fallback`. */
export function numberOption(name, fallback) {
	const args = process.argv.slice(2);
	if (!args.includes(name)) return fallback;
	const value = Number(args[args.indexOf(name) + 1]);
	return Number.isFinite(value) ? value : fallback; // 0 is a value (--evictions 0)
}
