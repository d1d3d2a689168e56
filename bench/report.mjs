// npm run bench:report — PDF and XLSX exports of a large roadmap over HTTP against the built
// server, with the server's longest event-loop stall and peak RSS while each export runs.
//
// The roadmap (5 tasks × 2,000 milestones, ≥ 10,000 activity rows) is written through the real
// write path: a y-websocket client adds the milestones in batches, so the log, the projection and
// one activity row per created milestone are committed exactly as a browser's edits would be.
//
// The stall is measured inside the server, with nothing added to its code: bench/event-loop-probe.mjs
// is preloaded (node --import) and reports the main thread's longest event-loop delay every 50 ms
// (perf_hooks.monitorEventLoopDelay); the bench keeps the worst one seen while each export runs.
// A websocket ping probe was tried first and dropped: its round trips also measured the bench
// client's own scheduling and came out near the whole request time.
//
// Needs a build (npm run build). Options: --runs N (default 3), --milestones N per task (2000).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { addMilestones } from './big-roadmap.mjs';
import {
	benchUser,
	createRoadmaps,
	eventLoopDelays,
	numberOption,
	probedNodeArgs,
	rssMb,
	sleep,
	startOurs,
	stop,
	synced,
	writer
} from './lib.mjs';

const opt = numberOption;
const RUNS = opt('--runs', 3);
const PER_TASK = opt('--milestones', 2000);
const BATCH = 250;
// json has no goal of its own: it shows what building the report data costs before rendering.
const GOALS = { json: Infinity, pdf: 2000, xlsx: 1000, stall: 50 };

// A private copy of the build, taken under the build lock: another build in the same worktree
// (tests, a second helper) empties build/ and would pull the files from under the running server.
// Inside node_modules/.cache so its packages still resolve from the worktree's node_modules.
const copy = `node_modules/.cache/ieum-bench-build-${process.pid}`;
mkdirSync('node_modules/.cache', { recursive: true });
execFileSync('flock', ['/tmp/wt-reports-build.lock', 'cp', '-r', 'build', copy]);
const server = await startOurs({
	entry: `${copy}/server.js`,
	// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the server (written when it stops).
	nodeArgs: probedNodeArgs()
});
const loopDelays = eventLoopDelays(server);
/** The longest main-thread stall the server reported between `from` and `to` (epoch ms). */
const longestStall = (from, to) => Math.max(0, ...loopDelays.between(from, to));
// BENCH_VERBOSE=1 shows the server's own output (e.g. from a preload given in BENCH_NODE_ARGS).
if (process.env.BENCH_VERBOSE) server.child.stderr.on('data', (d) => process.stderr.write(d));
try {
	const user = await benchUser(server.url);
	const headers = { cookie: user.cookie, origin: user.origin };
	const [roadmapId] = await createRoadmaps(server.url, user, 1, 'five-tasks');

	// ---- the roadmap, through the websocket write path --------------------------------------
	const t0 = performance.now();
	const w = writer(server.ws, roadmapId, headers);
	await synced(w.provider);
	const { taskIds } = await addMilestones(w, PER_TASK, { batch: BATCH, server, log: console.log });
	w.provider.destroy();
	console.log(
		`roadmap: ${taskIds.length} tasks × ${PER_TASK} milestones written over the websocket in ${Math.round(performance.now() - t0)} ms`
	);
	// The first export since the start: it loads the report routes' code on the main thread.
	const firstAt = Date.now();
	const json = await (
		await fetch(`${server.url}/api/v1/roadmaps/${roadmapId}/report.json`, { headers })
	).json();
	await sleep(150);
	console.log(
		`report data: ${json.milestones.length} milestones, ${json.changes.length} changes (activity rows in the period)`
	);
	console.log(
		`first export since the start (JSON, not in the runs below): longest stall ${longestStall(firstAt, Date.now() - 100)} ms`
	);

	// ---- exports, while the server reports its event-loop delays -------------------------------
	await sleep(1000);
	console.log(
		`idle: longest event-loop delay ${longestStall(Date.now() - 1000, Date.now())} ms over 1 s`
	);
	const results = {};
	for (const format of ['json', 'xlsx', 'pdf']) {
		const times = [];
		const stalls = [];
		let peak = 0;
		let size = 0;
		for (let run = 0; run < RUNS; run++) {
			let sampling = true;
			const rss = (async () => {
				while (sampling) {
					peak = Math.max(peak, rssMb(server.child.pid));
					await sleep(20);
				}
			})();
			const start = performance.now();
			const startedAt = Date.now();
			if (process.env.BENCH_VERBOSE)
				console.log(`${new Date().toISOString().slice(11, 23)} ${format} start`);
			const response = await fetch(
				`${server.url}/api/v1/roadmaps/${roadmapId}/report.${format}?lang=ko`,
				{ headers }
			);
			const body = new Uint8Array(await response.arrayBuffer());
			times.push(performance.now() - start);
			if (process.env.BENCH_VERBOSE)
				console.log(`${new Date().toISOString().slice(11, 23)} ${format} done`);
			sampling = false;
			await rss;
			await sleep(150);
			stalls.push(longestStall(startedAt, Date.now() - 100));
			size = body.length;
			if (response.status !== 200) throw new Error(`${format}: ${response.status}`);
		}
		const inOrder = [...times];
		times.sort((a, b) => a - b);
		results[format] = {
			inOrder,
			median: times[Math.floor(times.length / 2)],
			best: times[0],
			stall: Math.max(...stalls),
			stalls,
			peak,
			size
		};
	}

	console.log(`\n${RUNS} runs each, ${taskIds.length} × ${PER_TASK} milestones (ko):`);
	for (const [format, r] of Object.entries(results)) {
		const goal = GOALS[format];
		console.log(
			`${format.padEnd(5)} median ${Math.round(r.median)} ms (best ${Math.round(r.best)}, goal ≤ ${goal})` +
				`  longest stall ${Math.round(r.stall)} ms (goal ≤ ${GOALS.stall})` +
				`  peak RSS ${r.peak} MB  size ${(r.size / 1024).toFixed(0)} KiB` +
				`  (per run: ${r.inOrder.map(Math.round).join(', ')} ms; stalls ${r.stalls.map(Math.round).join(', ')} ms)` +
				`  ${r.median <= goal && r.stall <= GOALS.stall ? 'OK' : 'MISSED'}`
		);
	}
} finally {
	await stop(server);
	rmSync(copy, { recursive: true, force: true });
}
// Keep-alive sockets of fetch and the websocket client would hold the process open.
process.exit(0);
