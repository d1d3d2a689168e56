// npm run bench:fanout — edit-to-peer latency under fan-out, ours beside the plain y-websocket
// reference server (@y/websocket-server 0.1.1, in memory, no auth), same load, same run.
// Needs a build (npm run build). Options: --seconds N (default 10), --only 200|1000|20x50|cost,
// --rounds N (default 1): each load N times, the two servers taking turns to go first. A run's
// p99 is its ~6th-worst edit at 1 × 200 (600 edits in 15 s), which one stall of the machine moves
// by tens of ms; with rounds, the p99 of every round's edits together and the rounds' median ratio.
// Also prints ours' `saved` latency (edit → the writer's own "saved") and the commit cost per
// keystroke on a 5-task × 2,000-milestone roadmap beside the five-task one, and the CPU each server
// (and, on Postgres, the database) spent per edit: counts that others' load on the machine moves less.
// A roadmap's two writers are two people, as when two people type in one roadmap: each commit's
// activity names its author, so their turns are what the projector sees. --people 1 makes them one
// person, as the bench did before 2026-12-07 (its numbers in docs/BENCHMARKS.md until then).
import {
	addEditor,
	benchUser,
	cpuMs,
	createRoadmaps,
	percentile,
	receiver,
	rssMb,
	sleep,
	startOurs,
	startReference,
	stop,
	synced,
	writer
} from './lib.mjs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { postgresUsageBetween, readPostgresUsage } from './postgres-usage.mjs';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 10) || 10;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const rounds = Math.max(1, Number(args[args.indexOf('--rounds') + 1] || 1) || 1);
const people = args.includes('--people') && args[args.indexOf('--people') + 1] === '1' ? 1 : 2;
const SCENARIOS = [
	{ name: '1 roadmap x 200 clients', key: '200', rooms: 1, clients: 200 },
	{ name: '1 roadmap x 1000 clients', key: '1000', rooms: 1, clients: 1000 },
	{ name: '20 roadmaps x 50 clients', key: '20x50', rooms: 20, clients: 50 }
].filter((s) => !only || s.key === only);
const WRITERS = 2;
const RATE = 20; // edits per second per writer

async function run(kind, scenario) {
	const server = kind === 'ours' ? await startOurs() : await startReference();
	let headers = {};
	// Each writer's headers: writer k of a roadmap signs in as person k (of `people`).
	let writerHeaders = [{}];
	let rooms;
	if (kind === 'ours') {
		const user = await benchUser(server.url);
		headers = { cookie: user.cookie, origin: user.origin };
		// The five-task template, so edits land in task titles and drive the projection as real ones do.
		rooms = await createRoadmaps(server.url, user, scenario.rooms, 'five-tasks');
		writerHeaders = [headers];
		if (people === 2) {
			const other = await benchUser(server.url);
			await addEditor(server.url, user, rooms, other);
			writerHeaders.push({ cookie: other.cookie, origin: other.origin });
		}
	} else rooms = Array.from({ length: scenario.rooms }, (_, i) => `bench-${i}`);

	const sent = new Map();
	// Receivers that got each marker, and where it came from: to say which edits went missing.
	const received = new Map();
	const origin = new Map();
	const latencies = [];
	const savedLatencies = [];
	let deliveries = 0;
	const receivers = [];
	const perRoom = scenario.clients - WRITERS;
	for (const room of rooms) {
		for (let i = 0; i < perRoom; i++) {
			receivers.push(
				receiver(server.ws, room, headers, (marker, at) => {
					const t = sent.get(marker);
					if (t === undefined) return;
					deliveries++;
					received.set(marker, (received.get(marker) ?? 0) + 1);
					latencies.push(at - t);
				})
			);
			if (receivers.length % 100 === 0)
				await Promise.all(receivers.slice(-100).map((r) => r.opened));
		}
	}
	await Promise.all(receivers.map((r) => r.opened));
	const writers = rooms.flatMap((room) =>
		Array.from({ length: WRITERS }, (_, k) =>
			writer(server.ws, room, writerHeaders[k % writerHeaders.length])
		)
	);
	await Promise.all(writers.map((w) => synced(w.provider)));
	const drops = watchDrops(writers);
	await sleep(500);
	for (const w of writers) trackSaved(w, savedLatencies);

	let edits = 0;
	const databaseUrl = kind === 'ours' ? process.env.BENCH_DATABASE_URL : undefined;
	const dbBefore = await readPostgresUsage(databaseUrl);
	const cpuBefore = cpuMs(server.child.pid);
	// This process's own lateness: a receiver or writer here sees everything at least this late.
	const ownDelay = monitorEventLoopDelay({ resolution: 5 });
	ownDelay.enable();
	const started = performance.now();
	const timers = writers.map((w, i) => {
		let n = 0;
		// Ours: type into a real task title (projected to SQL on every commit). The reference has no
		// roadmap shape, so there the same insert goes into a top-level text.
		const tasks = [...w.doc.getMap('tasks').values()];
		const text = tasks.length ? tasks[i % tasks.length].get('titleEn') : w.doc.getText(`w${i}`);
		return setInterval(() => {
			const marker = `${i}:${n++}`;
			sent.set(marker, performance.now());
			origin.set(marker, { writer: i, room: rooms[Math.floor(i / WRITERS)] });
			edits++;
			text.insert(0, `@@${marker}@@`);
			w.awaitingSaved?.push([performance.now(), ownClock(w.doc)]);
		}, 1000 / RATE);
	});
	await sleep(seconds * 1000);
	timers.forEach(clearInterval);
	const writingMs = performance.now() - started;
	ownDelay.disable();
	await sleep(3000); // drain
	const rss = rssMb(server.child.pid);
	const cpu = cpuMs(server.child.pid) - cpuBefore;
	const db = postgresUsageBetween(dbBefore, await readPostgresUsage(databaseUrl));
	const expected = edits * perRoom;
	if (expected !== deliveries)
		explainLost({ sent, received, origin, perRoom, started, drops, receivers });
	latencies.sort((a, b) => a - b);
	savedLatencies.sort((a, b) => a - b);
	for (const w of writers) w.provider.destroy();
	for (const r of receivers) r.ws.terminate();
	await stop(server);
	return {
		kind,
		edits,
		latencies,
		savedLatencies,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		savedP50: kind === 'ours' ? percentile(savedLatencies, 50) : NaN,
		savedP99: kind === 'ours' ? percentile(savedLatencies, 99) : NaN,
		clientDelayP99: ownDelay.percentile(99) / 1e6,
		deliveriesPerSecond: Math.round(deliveries / (writingMs / 1000)),
		lost: expected - deliveries,
		rssMb: rss,
		// Counts, for deciding on a shared machine where wall-clock moves with others' load.
		cpuMsPerEdit: cpu / edits,
		dbCpuMsPerEdit: db ? db.cpuMs / edits : NaN
	};
}

/** The writer's own clock: its write is saved once the server's committed vector reaches it. */
function ownClock(doc) {
	const structs = doc.store.clients.get(doc.clientID) ?? [];
	const last = structs[structs.length - 1];
	return last ? last.id.clock + last.length : 0;
}

/** Each writer's connection drops during the run (y-websocket reconnects and resyncs). */
function watchDrops(writers) {
	const drops = [];
	writers.forEach((w, i) =>
		w.provider.on('status', ({ status }) => {
			if (status !== 'connected') drops.push({ writer: i, status, at: performance.now() });
		})
	);
	return drops;
}

/**
 * Says which edits did not reach every receiver, so a run with losses can be told apart: a
 * writer's connection dropped (and its resync came after the drain), receivers closed, or the
 * server never relayed an edit.
 */
function explainLost({ sent, received, origin, perRoom, started, drops, receivers }) {
	const since = (t) => `${((t - started) / 1000).toFixed(2)} s`;
	const short = [...sent.keys()].filter((m) => (received.get(m) ?? 0) < perRoom);
	console.log(`  ${short.length} edits missed by some receivers:`);
	for (const m of short.slice(0, 20)) {
		const { writer, room } = origin.get(m);
		console.log(
			`    ${m} (writer ${writer}, roadmap ${room}) sent at ${since(sent.get(m))}, received by ${received.get(m) ?? 0} of ${perRoom}`
		);
	}
	const closed = receivers.filter((r) => r.ws.readyState !== 1).length;
	console.log(`  receivers no longer open: ${closed}`);
	for (const d of drops) console.log(`  writer ${d.writer} ${d.status} at ${since(d.at)}`);
}

/** Records, for each edit, the time until the server's "saved" covered it. */
function trackSaved(w, into) {
	w.awaitingSaved = [];
	const original = w.provider.messageHandlers[100];
	w.provider.messageHandlers[100] = (...a) => {
		original(...a);
		const committed = w.committed.get(w.doc.clientID) ?? 0;
		const now = performance.now();
		while (w.awaitingSaved.length && w.awaitingSaved[0][1] <= committed)
			into.push(now - w.awaitingSaved.shift()[0]);
	};
}

/**
 * Commit cost per keystroke: one writer types into a milestone title, one keystroke at a time,
 * each waiting for its "saved" (commit round trip as the writer sees it), on a five-task roadmap
 * and on one with 5 tasks and 2,000 milestones.
 */
const WARM_UP_KEYSTROKES = 20;

async function commitCost() {
	const server = await startOurs();
	const user = await benchUser(server.url);
	const headers = { cookie: user.cookie, origin: user.origin };
	const [small, large] = [
		...(await createRoadmaps(server.url, user, 1, 'five-tasks')),
		...(await createRoadmaps(server.url, user, 1, 'blank'))
	];
	const filler = writer(server.ws, large, headers);
	await synced(filler.provider);
	filler.doc.transact(() => {
		for (let t = 0; t < 5; t++) addBenchTask(filler.doc, `task-${t}`, t);
		for (let m = 0; m < 2000; m++) addBenchMilestone(filler.doc, `ms-${m}`, `task-${m % 5}`, m);
	});
	await untilSaved(filler);
	filler.provider.destroy();
	// The API reads the projection after catching it up: the 2,000 new milestones' projection is
	// then done, not running beside the five-task roadmap's keystrokes (it made that roadmap's p99
	// 70-140 ms, a cost of the filler rather than of a keystroke).
	const settled = await fetch(`${server.url}/api/v1/roadmaps/${large}`, { headers });
	if (!settled.ok) throw new Error(`reading the large roadmap: ${settled.status}`);
	const result = {};
	for (const [name, room] of [
		['5 tasks', small],
		['5 tasks x 2,000 milestones', large]
	]) {
		const w = writer(server.ws, room, headers);
		await synced(w.provider);
		const tasks = [...w.doc.getMap('tasks').values()];
		const text = tasks[0].get('titleEn');
		const times = [];
		// The first keystrokes warm the room up (its first projection pass, the JIT): not counted.
		for (let i = -WARM_UP_KEYSTROKES; i < 200; i++) {
			const start = performance.now();
			text.insert(text.length, String((i + 10) % 10));
			if (text.length > 150) text.delete(0, 50);
			await untilSaved(w);
			if (i >= 0) times.push(performance.now() - start);
		}
		times.sort((a, b) => a - b);
		result[name] = { p50: percentile(times, 50), p99: percentile(times, 99) };
		w.provider.destroy();
	}
	const rss = rssMb(server.child.pid);
	await stop(server);
	return { result, rss };
}

async function untilSaved(w) {
	const target = ownClock(w.doc);
	while ((w.committed.get(w.doc.clientID) ?? 0) < target) await sleep(1);
}

function addBenchTask(doc, id, position) {
	const map = new Y.Map();
	doc.getMap('tasks').set(id, map);
	map.set('position', position);
	map.set('status', 'planned');
	map.set('progress', 0);
	map.set('suggestedSectors', []);
	map.set('startDate', null);
	map.set('dueDate', null);
	map.set('owners', new Y.Map());
	for (const locale of ['Ko', 'En']) {
		map.set(`title${locale}`, new Y.Text(`Task ${id}`));
		map.set(`summary${locale}`, new Y.XmlFragment());
	}
}

function addBenchMilestone(doc, id, taskId, position) {
	const map = new Y.Map();
	doc.getMap('milestones').set(id, map);
	map.set('taskId', taskId);
	map.set('position', position);
	map.set('status', 'planned');
	map.set('dueDate', null);
	map.set('titleKo', new Y.Text());
	map.set('titleEn', new Y.Text(`Step ${id}`));
}

const fmt = (ms) => (Number.isFinite(ms) ? ms.toFixed(1).padStart(8) : '     n/a');
console.log(
	`fan-out bench: ${WRITERS} writers per roadmap (${people === 2 ? 'two people' : 'one person'}) at ${RATE} edits/s each, ${seconds} s per run, loopback, ${new Date().toISOString()}`
);
for (const scenario of SCENARIOS) {
	console.log(`\n${scenario.name}${rounds > 1 ? ` (${rounds} rounds)` : ''}`);
	console.log('server        edits   p50 ms   p95 ms   p99 ms  deliveries/s   lost  RSS MB');
	const all = { reference: [], ours: [] };
	for (let round = 0; round < rounds; round++) {
		// Taking turns to go first: a machine that slows down over the rounds slows both alike.
		const order = round % 2 ? ['ours', 'reference'] : ['reference', 'ours'];
		for (const kind of order) {
			const r = await run(kind, scenario);
			all[kind].push(r);
			console.log(
				`${r.kind.padEnd(10)} ${String(r.edits).padStart(8)} ${fmt(r.p50)} ${fmt(r.p95)} ${fmt(r.p99)} ${String(r.deliveriesPerSecond).padStart(13)} ${String(r.lost).padStart(6)} ${String(r.rssMb).padStart(7)}`
			);
		}
	}
	if (rounds === 1) {
		const [ours] = all.ours;
		console.log(`p99 ratio (ours / reference): ${(ours.p99 / all.reference[0].p99).toFixed(2)}`);
		console.log(
			`ours: saved p99 ${fmt(ours.savedP99).trim()} ms (p50 ${fmt(ours.savedP50).trim()} ms)`
		);
	} else reportRounds(all);
	// Each round's value, in the order the rounds ran (one value without --rounds).
	const each = (runs, pick) => runs.map((r) => pick(r).toFixed(2)).join(', ');
	// On a small machine the bench's own process (every receiver and writer) is busy too: its
	// event loop's p99 delay is a floor under every latency above, ours and the reference's.
	console.log(
		`bench client's own event-loop delay p99: ${each(all.reference, (r) => r.clientDelayP99)} ms beside the reference, ${each(all.ours, (r) => r.clientDelayP99)} ms beside ours`
	);
	console.log(
		`server CPU per edit (writing and drain): reference ${each(all.reference, (r) => r.cpuMsPerEdit)} ms, ours ${each(all.ours, (r) => r.cpuMsPerEdit)} ms` +
			(Number.isFinite(all.ours[0].dbCpuMsPerEdit)
				? `; Postgres backends ${each(all.ours, (r) => r.dbCpuMsPerEdit)} ms`
				: '')
	);
}

/** Rounds' results together: every edit's latency in one p99, and the ratio of each round. */
function reportRounds(all) {
	const pooled = (runs, key) => runs.flatMap((r) => r[key]).sort((a, b) => a - b);
	const refAll = pooled(all.reference, 'latencies');
	const oursAll = pooled(all.ours, 'latencies');
	const savedAll = pooled(all.ours, 'savedLatencies');
	const ratios = all.ours.map((o, i) => o.p99 / all.reference[i].p99);
	const lost = [...all.reference, ...all.ours].reduce((n, r) => n + r.lost, 0);
	console.log(
		`every round's edits together: p99 reference ${fmt(percentile(refAll, 99)).trim()} ms, ours ${fmt(percentile(oursAll, 99)).trim()} ms; ratio ${(percentile(oursAll, 99) / percentile(refAll, 99)).toFixed(2)}; lost ${lost}`
	);
	console.log(
		`p99 ratio of each round: ${ratios.map((r) => r.toFixed(2)).join(', ')} (median ${percentile(
			[...ratios].sort((a, b) => a - b),
			50
		).toFixed(2)})`
	);
	console.log(
		`ours: saved p99 ${fmt(percentile(savedAll, 99)).trim()} ms (p50 ${fmt(percentile(savedAll, 50)).trim()} ms), every round's edits together; each round: ${all.ours.map((o) => o.savedP99.toFixed(1)).join(', ')} ms`
	);
}
if (!only || only === 'cost') {
	const { result, rss } = await commitCost();
	console.log('\ncommit cost per keystroke (one writer, each keystroke waits for its "saved")');
	for (const [name, r] of Object.entries(result))
		console.log(`${name.padEnd(28)} p50 ${fmt(r.p50)} ms   p99 ${fmt(r.p99)} ms`);
	const [a, b] = Object.values(result);
	console.log(
		`ratio (2,000 milestones / five tasks) at p50: ${(b.p50 / a.p50).toFixed(2)}; server RSS ${rss} MB`
	);
}
process.exit(0);
