// node bench/big-room-stalls.mjs — does a large roadmap being edited hold up everyone else?
// A 5 × 2,000-milestone roadmap (bench/big-roadmap.mjs) takes typing at 20 keystrokes a second,
// so its log is compacted every 200 commits, while a writer in a small roadmap types at the same
// rate: that writer's "saved" latency, and the server's longest event-loop delays (preloaded
// bench/event-loop-probe.mjs), during the typing. Then a newcomer opens the large roadmap after
// the typing (the room's answer to newcomers is renewed from its log). Needs a build.
// Options: --keystrokes N (default 600), --per-task N (default 2000). BENCH_DATABASE_URL: Postgres.
import { addMilestones, waitSaved } from './big-roadmap.mjs';
import {
	benchUser,
	createRoadmaps,
	eventLoopDelays,
	numberOption,
	probedNodeArgs,
	percentile,
	sleep,
	startOurs,
	stop,
	synced,
	writer
} from './lib.mjs';

const KEYSTROKES = numberOption('--keystrokes', 600);
const PER_TASK = numberOption('--per-task', 2000);
const EVERY_MS = 50;

const server = await startOurs({ nodeArgs: probedNodeArgs() });
const loop = eventLoopDelays(server);
if (process.env.BENCH_SERVER_LOG) server.child.stdout.on('data', (c) => process.stderr.write(c));

try {
	const user = await benchUser(server.url);
	const headers = { cookie: user.cookie, origin: user.origin };
	const [big, small] = await createRoadmaps(server.url, user, 2, 'five-tasks');
	const filler = writer(server.ws, big, headers);
	await synced(filler.provider);
	const t0 = performance.now();
	await addMilestones(filler, PER_TASK, { server, log: console.log });
	console.log(
		`large roadmap: 5 tasks × ${PER_TASK} milestones written in ${Math.round(performance.now() - t0)} ms`
	);
	// Its projection caught up (the API waits for it), so what follows measures only the typing.
	const settled = await fetch(`${server.url}/api/v1/roadmaps/${big}`, { headers });
	if (!settled.ok) throw new Error(`reading the large roadmap: ${settled.status}`);
	await sleep(2000);

	const other = writer(server.ws, small, headers);
	await synced(other.provider);
	const waits = [];
	const pending = [];
	const original = other.provider.messageHandlers[100];
	other.provider.messageHandlers[100] = (...a) => {
		original(...a);
		const committed = other.committed.get(other.doc.clientID) ?? 0;
		const now = performance.now();
		while (pending.length && pending[0][1] <= committed) waits.push(now - pending.shift()[0]);
	};
	const otherText = other.doc.getMap('tasks').values().next().value.get('titleEn');
	const bigText = filler.doc.getMap('tasks').values().next().value.get('titleEn');
	const typingFrom = Date.now();
	for (let i = 0; i < KEYSTROKES; i++) {
		bigText.insert(bigText.length, String(i % 10));
		if (bigText.length > 120) bigText.delete(0, 40);
		otherText.insert(otherText.length, String(i % 10));
		if (otherText.length > 120) otherText.delete(0, 40);
		const own = other.doc.store.clients.get(other.doc.clientID);
		const last = own[own.length - 1];
		pending.push([performance.now(), last.id.clock + last.length]);
		await sleep(EVERY_MS);
	}
	await waitSaved(filler, { server });
	await waitSaved(other, { server });
	const typingTo = Date.now();
	filler.provider.destroy();
	other.provider.destroy();
	await sleep(500);

	const newcomerFrom = Date.now();
	const t1 = performance.now();
	const newcomer = writer(server.ws, big, headers);
	await synced(newcomer.provider, 120_000);
	const newcomerMs = performance.now() - t1;
	const newcomerTo = Date.now();
	newcomer.provider.destroy();

	waits.sort((a, b) => a - b);
	const during = loop.between(typingFrom, typingTo).sort((a, b) => b - a);
	const fmt = (x) => `${x.toFixed(1)} ms`;
	console.log(
		`\ntyping: ${KEYSTROKES} keystrokes into the large roadmap and the small one, one each per ${EVERY_MS} ms, ${Math.round((typingTo - typingFrom) / 1000)} s`
	);
	console.log(
		`  small roadmap's "saved": p50 ${fmt(percentile(waits, 50))}, p99 ${fmt(percentile(waits, 99))}, max ${fmt(waits.at(-1))} (${waits.length} keystrokes)`
	);
	console.log(
		`  server's longest event-loop delays (50 ms windows): ${during.slice(0, 5).map(fmt).join(', ')}; windows over 100 ms: ${during.filter((d) => d > 100).length}`
	);
	const newcomerLoop = loop.between(newcomerFrom, newcomerTo).sort((a, b) => b - a);
	console.log(
		`newcomer to the large roadmap after the typing: synced in ${fmt(newcomerMs)}; server's longest event-loop delay meanwhile ${fmt(newcomerLoop[0] ?? 0)}`
	);
} finally {
	await stop(server);
}
// y-websocket providers leave handles behind in Node, even destroyed.
process.exit(0);
