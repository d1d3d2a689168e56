// Cold open (issue 8): a roadmap of 5 tasks × 2,000 milestones that has taken 100,000 small
// updates (keystrokes in milestone titles, each its own message) through the live write path,
// then the server restarts and a new client opens it: how long until it is synced? Compaction
// (every 200 commits in a live room, and when a room is evicted) is what keeps the log short;
// the bench prints the log's row count and the snapshot's size as the restarted server finds them.
//
//   node bench/cold-open.mjs [--milestones 2000] [--updates 100000] [--runs 6] [--evictions 3]
//                            [--burst 20 | --scatter] [--crash]
// A server told to stop compacts large logs on its way out, so after a restart the log is one
// snapshot; --crash stops every server with SIGKILL instead, which leaves the rows after the
// snapshot for the next start to read and merge.
//   BENCH_DATABASE_URL=postgres://… uses that database (else a fresh PGlite folder).
//   --reuse DIR measures again the roadmap a previous run built (it prints DIR).
// Goal: first sync ≤ 300 ms.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addMilestones, waitSaved } from './big-roadmap.mjs';
import {
	benchUser,
	createRoadmaps,
	numberOption,
	percentile,
	sleep,
	startOurs,
	stop,
	synced,
	writer
} from './lib.mjs';

const args = process.argv.slice(2);
const PER_TASK = numberOption('--milestones', 2000);
const UPDATES = numberOption('--updates', 100_000);
const RUNS = numberOption('--runs', 6);
const BURST = numberOption('--burst', 20);
const SCATTER = args.includes('--scatter');
const EVICTIONS = numberOption('--evictions', 3);
const CRASH = args.includes('--crash');
const halt = (server) => stop(server, CRASH ? 'SIGKILL' : 'SIGTERM');
/** The server evicts a room 30 s after its last peer left, then compacts it. */
const EVICT_WAIT_MS = 36_000;
const GOAL_MS = 300;
const database = process.env.BENCH_DATABASE_URL ? 'Postgres' : 'PGlite';

/** Rows of the roadmap's log and the size of its snapshot, read while no server holds the data. */
async function logShape(dataDir, roadmapId) {
	const sql = `select (select count(*) from roadmap_updates where roadmap_id = $1)::int as rows,
		(select coalesce(sum(octet_length(data)), 0) from roadmap_updates where roadmap_id = $1)::int as "rowBytes",
		(select coalesce(octet_length(state), 0) from roadmap_snapshots where roadmap_id = $1)::int as "snapshotBytes"`;
	if (process.env.BENCH_DATABASE_URL) {
		const { default: pg } = await import('pg');
		const client = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
		await client.connect();
		try {
			return (await client.query(sql, [roadmapId])).rows[0];
		} finally {
			await client.end();
		}
	}
	const { PGlite } = await import('@electric-sql/pglite');
	const db = await PGlite.create(dataDir, { parsers: { 17: (v) => v } }); // counts only
	try {
		return (await db.query(sql, [roadmapId])).rows[0];
	} finally {
		await db.close();
	}
}

/**
 * What the server itself takes: a raw socket asks for everything (sync step 1 with an empty
 * state vector) and times the arrival of the server's answer (sync step 2), without decoding it.
 */
function serverAnswer(wsUrl, roomId, headers) {
	return new Promise((resolve, reject) => {
		const start = performance.now();
		const ws = new WebSocket(`${wsUrl}/${roomId}`, { headers });
		const timer = setTimeout(() => reject(new Error('no sync step 2 in 60 s')), 60_000);
		ws.on('error', reject);
		ws.on('open', () => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0); // sync
			encoding.writeVarUint(encoder, 0); // step 1
			encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
			ws.send(encoding.toUint8Array(encoder));
		});
		ws.on('message', (data) => {
			if (data[0] !== 0 || data[1] !== 1) return;
			clearTimeout(timer);
			resolve({ ms: performance.now() - start, bytes: data.length });
			ws.close();
		});
	});
}

/** Builds the roadmap through a live server, stops it, and says where to find it again. */
async function prepare() {
	const server = await startOurs();
	try {
		const user = await benchUser(server.url);
		const [roadmapId] = await createRoadmaps(server.url, user, 1, 'five-tasks');
		const t0 = performance.now();
		const w = writer(server.ws, roadmapId, { cookie: user.cookie, origin: user.origin });
		await synced(w.provider);
		const { milestoneIds } = await addMilestones(w, PER_TASK, { server });
		console.log(
			`roadmap: 5 tasks × ${PER_TASK} milestones written over the websocket in ${Math.round(performance.now() - t0)} ms`
		);
		// Keystrokes, each its own message: typed in bursts of BURST in one title, as people type
		// (with --scatter every keystroke goes to another title: the worst case, no runs merge).
		const t1 = performance.now();
		const milestones = w.doc.getMap('milestones');
		for (let i = 0; i < UPDATES; i++) {
			const field = SCATTER ? i : Math.floor(i / BURST);
			const title = milestones
				.get(milestoneIds[(field * 7919) % milestoneIds.length])
				.get('titleEn');
			if (i % 7 === 6) title.delete(title.length - 1, 1);
			else title.insert(title.length, 'abcdefghij'[i % 10]);
			if (i % 1000 === 999) await waitSaved(w, { server });
		}
		await waitSaved(w, { server });
		const typedMs = performance.now() - t1;
		console.log(
			`updates: ${UPDATES} keystrokes saved in ${Math.round(typedMs)} ms (${Math.round(UPDATES / (typedMs / 1000))}/s)`
		);
		const setup = {
			dataDir: server.dataDir,
			roadmapId,
			cookie: user.cookie,
			expected: [...Y.decodeStateVector(Y.encodeStateVector(w.doc))]
		};
		w.provider.destroy();
		writeFileSync(join(server.dataDir, 'cold-open.json'), JSON.stringify(setup));
		console.log(`(again without building: --reuse ${server.dataDir})`);
		return setup;
	} finally {
		await halt(server);
	}
}

const reuse = args.includes('--reuse') ? args[args.indexOf('--reuse') + 1] : null;
let server = null;
try {
	const { dataDir, roadmapId, cookie, expected } = reuse
		? JSON.parse(readFileSync(join(reuse, 'cold-open.json'), 'utf8'))
		: await prepare();
	const has = (doc) => {
		const clocks = Y.decodeStateVector(Y.encodeStateVector(doc));
		return expected.every(([client, clock]) => (clocks.get(client) ?? 0) >= clock);
	};
	const shape = await logShape(dataDir, roadmapId);
	console.log(
		`log after restart: ${shape.rows} rows (${Math.round(shape.rowBytes / 1024)} KiB) after a snapshot of ${Math.round(shape.snapshotBytes / 1024)} KiB`
	);

	const answer = [];
	const cold = [];
	const warm = [];
	let stateBytes = 0;
	const start = async () => {
		// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the restarted servers.
		server = await startOurs({
			dataDir,
			nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []
		});
		// BENCH_VERBOSE=1 shows the server's own output.
		if (process.env.BENCH_VERBOSE) server.child.stderr.on('data', (d) => process.stderr.write(d));
	};
	for (let run = 0; run < RUNS; run++) {
		await start();
		const open = async () => {
			const start = performance.now();
			// A new port after each restart: the upgrade's Origin must name it.
			const client = writer(server.ws, roadmapId, { cookie, origin: server.url });
			await synced(client.provider, 60_000);
			const ms = performance.now() - start;
			const complete = has(client.doc);
			client.provider.destroy();
			if (!complete) throw new Error('the opened doc misses updates');
			return ms;
		};
		// Every restart starts cold; odd runs measure the server's answer, even ones a full client.
		const fresh = { cookie, origin: server.url };
		if (run % 2 === 0) {
			const first = await serverAnswer(server.ws, roadmapId, fresh);
			answer.push(first.ms);
			stateBytes = first.bytes;
		} else cold.push(await open());
		warm.push(await open());
		await halt(server);
	}
	// An evicted room in a running server (the usual cold open): eviction compacted what the
	// restarts left after the snapshot, so the answer is the snapshot as read.
	const evicted = [];
	if (EVICTIONS) {
		await start();
		const fresh = { cookie, origin: server.url };
		await serverAnswer(server.ws, roadmapId, fresh);
		for (let i = 0; i < EVICTIONS; i++) {
			await sleep(EVICT_WAIT_MS);
			evicted.push((await serverAnswer(server.ws, roadmapId, fresh)).ms);
		}
		await stop(server);
	}
	const show = (list) => {
		const sorted = [...list].sort((a, b) => a - b);
		return `median ${Math.round(percentile(sorted, 50))} ms (best ${Math.round(sorted[0])}, worst ${Math.round(sorted[sorted.length - 1])})`;
	};
	const answerMedian = percentile(
		[...answer].sort((a, b) => a - b),
		50
	);
	console.log(
		`\n${database}, ${RUNS} restarts${CRASH ? ' after SIGKILL' : ''}, 5 × ${PER_TASK} milestones, ${UPDATES} updates ${SCATTER ? 'each in another title' : `in bursts of ${BURST}`}:`
	);
	console.log(
		`cold open, the server's answer (first socket after a restart until its whole state, ${Math.round(stateBytes / 1024)} KiB, arrived): ${show(answer)}  goal ≤ ${GOAL_MS} ms  ${answerMedian <= GOAL_MS ? 'OK' : 'MISSED'}`
	);
	console.log(
		`cold open, a Yjs client (first provider after a restart until synced, applying included): ${show(cold)}`
	);
	console.log(`warm open (second client, room loaded): ${show(warm)}`);
	if (EVICTIONS)
		console.log(
			`cold open of an evicted room in a running server, the server's answer: ${show(evicted)}  goal ≤ ${GOAL_MS} ms  ${
				percentile(
					[...evicted].sort((a, b) => a - b),
					50
				) <= GOAL_MS
					? 'OK'
					: 'MISSED'
			}`
		);
	console.log(
		`per run: answer ${answer.map(Math.round).join(', ')} ms; client ${cold.map(Math.round).join(', ')} ms`
	);
} finally {
	if (server) await stop(server);
}
process.exit(0);
