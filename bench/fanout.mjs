// npm run bench:fanout — edit-to-peer latency under fan-out, ours beside the plain y-websocket
// reference server (@y/websocket-server 0.1.1, in memory, no auth), same load, same run.
// Needs a build (npm run build). Options: --seconds N (default 10), --only 200|1000|20x50.
import {
	benchUser,
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

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 10) || 10;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
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
	let rooms;
	if (kind === 'ours') {
		const user = await benchUser(server.url);
		headers = { cookie: user.cookie, origin: user.origin };
		// The five-task template, so edits land in task titles and drive the projection as real ones do.
		rooms = await createRoadmaps(server.url, user, scenario.rooms, 'five-tasks');
	} else rooms = Array.from({ length: scenario.rooms }, (_, i) => `bench-${i}`);

	const sent = new Map();
	const latencies = [];
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
					latencies.push(at - t);
				})
			);
			if (receivers.length % 100 === 0)
				await Promise.all(receivers.slice(-100).map((r) => r.opened));
		}
	}
	await Promise.all(receivers.map((r) => r.opened));
	const writers = rooms.flatMap((room) =>
		Array.from({ length: WRITERS }, () => writer(server.ws, room, headers))
	);
	await Promise.all(writers.map((w) => synced(w.provider)));
	await sleep(500);

	let edits = 0;
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
			edits++;
			text.insert(0, `@@${marker}@@`);
		}, 1000 / RATE);
	});
	await sleep(seconds * 1000);
	timers.forEach(clearInterval);
	const writingMs = performance.now() - started;
	await sleep(3000); // drain
	const rss = rssMb(server.child.pid);
	const expected = edits * perRoom;
	latencies.sort((a, b) => a - b);
	for (const w of writers) w.provider.destroy();
	for (const r of receivers) r.ws.terminate();
	await stop(server);
	return {
		kind,
		edits,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		deliveriesPerSecond: Math.round(deliveries / (writingMs / 1000)),
		lost: expected - deliveries,
		rssMb: rss
	};
}

const fmt = (ms) => (Number.isFinite(ms) ? ms.toFixed(1).padStart(8) : '     n/a');
console.log(
	`fan-out bench: ${WRITERS} writers per roadmap at ${RATE} edits/s each, ${seconds} s per run, loopback, ${new Date().toISOString()}`
);
for (const scenario of SCENARIOS) {
	console.log(`\n${scenario.name}`);
	console.log('server        edits   p50 ms   p95 ms   p99 ms  deliveries/s   lost  RSS MB');
	const results = [];
	for (const kind of ['reference', 'ours']) {
		const r = await run(kind, scenario);
		results.push(r);
		console.log(
			`${r.kind.padEnd(10)} ${String(r.edits).padStart(8)} ${fmt(r.p50)} ${fmt(r.p95)} ${fmt(r.p99)} ${String(r.deliveriesPerSecond).padStart(13)} ${String(r.lost).padStart(6)} ${String(r.rssMb).padStart(7)}`
		);
	}
	const [ref, ours] = results;
	console.log(`p99 ratio (ours / reference): ${(ours.p99 / ref.p99).toFixed(2)}`);
}
process.exit(0);
