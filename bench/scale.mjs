// npm run bench:scale — several instances as one, on a fresh Postgres database (BENCH_ADMIN_URL,
// default the local server) and a throwaway Redis of its own. Needs a build (npm run build).
//  1. Fan-out: writers on instance A; the same receivers on A (single instance) and then on B
//     (every edit crosses Redis), same load, same run: p50/p99 and the ratio (goal p99 ≤ 1.5×).
//  2. Rolling restart: three instances, writers behind failover proxies spread over them; each
//     instance in turn gets SIGTERM and is replaced. Acknowledged, missing (must be 0), and the
//     longest "Saving…" stretch any writer saw (goal ≤ 3 s).
// Options: --seconds N (fan-out seconds per leg, default 10), --receivers N (default 200),
// --writers N (rolling restart, default 12, each typing 10 keystrokes a second).
// BENCH_VERBOSE=1 prints the rolling restart's timeline.
import { execFileSync } from 'node:child_process';
import { failoverProxy, throwawayRedis } from './instances.mjs';
import {
	benchDatabase,
	benchUser,
	createRoadmaps,
	numberOption,
	percentile,
	receiver,
	sleep,
	startOurs,
	stop,
	synced,
	typeAndTrack,
	writer
} from './lib.mjs';

const seconds = numberOption('--seconds', 10);
const receiverCount = numberOption('--receivers', 200);
const rollingWriters = numberOption('--writers', 12);
/** A fast typist: a keystroke every 100 ms, each its own update. */
const TYPING_MS = 100;
const WRITERS = 2;
const RATE = 20; // edits per second per writer

const load = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const database = await benchDatabase();
const redis = await throwawayRedis();
const env = { REDIS_URL: redis.url };
console.log(`scale bench, ${new Date().toISOString()}; Postgres ${new URL(database.url).host}`);
console.log(`load before: ${load()}`);

try {
	await fanOut();
	await rollingRestart();
} finally {
	await redis.kill();
	await database.drop();
}
console.log(`load after: ${load()}`);
process.exit(0);

/** Writers on `a`; receivers on `a`, then on `b`; edit-to-receiver latency of each leg. */
async function fanOut() {
	const [a, b] = await Promise.all([startOurs({ env }), startOurs({ env })]);
	const user = await benchUser(a.url);
	const [roadmapId] = await createRoadmaps(a.url, user, 1, 'five-tasks');
	const headersOn = (server) => ({ cookie: user.cookie, origin: server.url });
	const writers = Array.from({ length: WRITERS }, () => writer(a.ws, roadmapId, headersOn(a)));
	await Promise.all(writers.map((w) => synced(w.provider)));
	console.log(
		`\nfan-out: ${WRITERS} writers at ${RATE} edits/s on instance A, ${receiverCount} receivers, ${seconds} s per leg`
	);
	console.log('leg                         edits   p50 ms   p99 ms   lost');
	const results = {};
	for (const [name, server] of [
		['single (receivers on A)', a],
		['cross (receivers on B)', b]
	]) {
		results[name] = await leg(server, headersOn(server), roadmapId, writers);
		const r = results[name];
		console.log(
			`${name.padEnd(26)} ${String(r.edits).padStart(6)} ${fmt(r.p50)} ${fmt(r.p99)} ${String(r.lost).padStart(6)}`
		);
	}
	const [single, cross] = Object.values(results);
	console.log(
		`p99 ratio (cross / single): ${(cross.p99 / single.p99).toFixed(2)} (goal ≤ 1.5); p50 ratio ${(cross.p50 / single.p50).toFixed(2)}`
	);
	console.log(`load: ${load()}`);
	for (const w of writers) w.provider.destroy();
	await Promise.all([stop(a), stop(b)]);
}

async function leg(server, headers, roadmapId, writers) {
	const sent = new Map();
	const latencies = [];
	const receivers = [];
	for (let i = 0; i < receiverCount; i++) {
		receivers.push(
			receiver(server.ws, roadmapId, headers, (marker, at) => {
				const t = sent.get(marker);
				if (t !== undefined) latencies.push(at - t);
			})
		);
		if (i % 100 === 99) await Promise.all(receivers.map((r) => r.opened));
	}
	await Promise.all(receivers.map((r) => r.opened));
	await sleep(1000);
	let edits = 0;
	const timers = writers.map((w, i) => {
		const title = [...w.doc.getMap('tasks').values()][i].get('titleEn');
		let n = 0;
		return setInterval(() => {
			const marker = `${server.url}:${i}:${n++}`;
			sent.set(marker, performance.now());
			edits++;
			w.doc.transact(() => {
				// Trim the oldest markers (at the end): deleting the newest would hide them from
				// receivers whenever a commit holds both the insert and the delete.
				if (title.length > 150) title.delete(100, title.length - 100);
				title.insert(0, `@@${marker}@@`);
			});
		}, 1000 / RATE);
	});
	await sleep(seconds * 1000);
	timers.forEach(clearInterval);
	await sleep(3000); // drain
	for (const r of receivers) r.ws.terminate();
	latencies.sort((x, y) => x - y);
	return {
		edits,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		lost: edits * receiverCount - latencies.length
	};
}

/** Three instances; each in turn stopped with SIGTERM and replaced while writers keep typing. */
async function rollingRestart() {
	const instances = await Promise.all([0, 1, 2].map(() => startOurs({ env })));
	const serving = new Set(instances);
	const user = await benchUser(instances[0].url);
	const [roadmapId] = await createRoadmaps(instances[0].url, user, 1, 'blank');
	// Writers spread over the instances; a stopping instance leaves the balancer at once (its
	// /healthz answers 503 from the moment it received SIGTERM).
	const proxies = await Promise.all(
		Array.from({ length: rollingWriters }, (_, i) => i % 3).map((preferred) =>
			failoverProxy(() => {
				const ports = instances
					.filter((s) => serving.has(s))
					.map((s) => Number(new URL(s.url).port));
				const first = ports.splice(Math.min(preferred, ports.length - 1), 1);
				return [...first, ...ports];
			})
		)
	);
	const writers = proxies.map((p) =>
		writer(p.url.replace('http', 'ws') + '/collab', roadmapId, {
			cookie: user.cookie,
			origin: p.url
		})
	);
	await Promise.all(writers.map((w) => synced(w.provider)));
	const t0 = Date.now();
	if (process.env.BENCH_VERBOSE)
		writers.forEach((w, i) => {
			w.provider.on('connection-close', (e) =>
				console.log(`  +${Date.now() - t0} ms writer ${i} closed ${e?.code}`)
			);
			w.provider.on(
				'sync',
				(ok) => ok && console.log(`  +${Date.now() - t0} ms writer ${i} synced`)
			);
		});
	console.log(
		`\nrolling restart: 3 instances, ${writers.length} writers typing ${1000 / TYPING_MS} edits/s each`
	);
	const typing = typeAndTrack(writers, TYPING_MS);
	await sleep(2000);
	for (let i = 0; i < instances.length; i++) {
		const old = instances[i];
		serving.delete(old);
		const stoppedAt = Date.now();
		if (process.env.BENCH_VERBOSE) console.log(`  +${stoppedAt - t0} ms SIGTERM ${i + 1}`);
		await stop(old, 'SIGTERM');
		const stopMs = Date.now() - stoppedAt;
		instances[i] = await startOurs({ env });
		serving.add(instances[i]);
		console.log(
			`instance ${i + 1}: stopped in ${stopMs} ms, replacement listening after ${Date.now() - stoppedAt} ms`
		);
		await sleep(2000);
	}
	const stillSaving = await typing.finish();
	const check = writer(instances[0].ws, roadmapId, {
		cookie: user.cookie,
		origin: instances[0].url
	});
	await synced(check.provider);
	const present = check.doc.getMap('bench');
	const { acked, written, longestSaving, longestWait, longestShown } = typing.stats;
	const missing = [...acked].filter((k) => !present.has(k)).length;
	console.log(
		`written ${written}, acknowledged ${acked.size}, still unsaved after 30 s ${stillSaving}, ` +
			`missing ${missing} (must be 0)\nlongest "Saving…" a page would show ${longestShown} ms (goal ≤ 3000); ` +
			`longest wait of one edit for its "saved" ${longestWait} ms; ` +
			`longest stretch with anything unconfirmed ${longestSaving} ms`
	);
	console.log(`load: ${load()}`);
	check.provider.destroy();
	for (const w of writers) w.provider.destroy();
	for (const p of proxies) await p.close();
	await Promise.all(instances.map((s) => stop(s)));
}

function fmt(ms) {
	return Number.isFinite(ms) ? ms.toFixed(1).padStart(8) : '     n/a';
}
