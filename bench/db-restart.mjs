// npm run bench:db-restart — writers edit continuously against our server on Postgres while
// Postgres itself is restarted. Pages would show "Saving…" during the outage (no 'saved' arrives)
// and "Saved" after; nothing acknowledged or relayed may be missing. Restarts the machine's local
// Postgres cluster (pg_ctlcluster), so run it only where that is yours to restart.
// Env: BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { benchUser, createRoadmaps, sleep, startOurs, stop, synced, writer } from './lib.mjs';

const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `ieum_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${dbName}"`);
await admin.end();
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
process.env.BENCH_DATABASE_URL = url.toString();

const server = await startOurs();
const user = await benchUser(server.url);
const [roadmapId] = await createRoadmaps(server.url, user, 1, 'five-tasks');
const headers = { cookie: user.cookie, origin: server.url };
const writers = Array.from({ length: 3 }, () => writer(server.ws, roadmapId, headers));
await Promise.all(writers.map((w) => synced(w.provider)));

const pendingAck = writers.map(() => []);
const acked = new Set();
const unsavedSince = writers.map(() => null);
let longestSaving = 0;
let written = 0;
writers.forEach((w, i) => {
	const original = w.provider.messageHandlers[100];
	w.provider.messageHandlers[100] = (...a) => {
		original(...a);
		const committed = w.committed.get(w.doc.clientID) ?? 0;
		while (pendingAck[i].length && pendingAck[i][0][1] <= committed)
			acked.add(pendingAck[i].shift()[0]);
		if (!pendingAck[i].length && unsavedSince[i] !== null) {
			longestSaving = Math.max(longestSaving, Date.now() - unsavedSince[i]);
			unsavedSince[i] = null;
		}
	};
});
const timers = writers.map((w, i) => {
	let n = 0;
	return setInterval(() => {
		const key = `w${i}n${n++}`;
		w.doc.getMap('bench').set(key, n);
		written++;
		const own = w.doc.store.clients.get(w.doc.clientID);
		const last = own[own.length - 1];
		pendingAck[i].push([key, last.id.clock + last.length]);
		unsavedSince[i] ??= Date.now();
	}, 20);
});

await sleep(2000);
const cluster = readdirSync('/etc/postgresql')[0];
const t0 = Date.now();
console.log(`restarting Postgres ${cluster}/main under load…`);
execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'restart'], {
	stdio: 'inherit'
});
console.log(`Postgres back after ${Date.now() - t0} ms`);
await sleep(5000);
timers.forEach(clearInterval);
// Wait until every writer is "Saved" again.
const deadline = Date.now() + 30_000;
while (pendingAck.some((p) => p.length) && Date.now() < deadline) await sleep(100);
const stillSaving = pendingAck.reduce((n, p) => n + p.length, 0);
for (const w of writers) w.provider.destroy();

const check = writer(server.ws, roadmapId, headers);
await synced(check.provider);
const present = check.doc.getMap('bench');
const missing = [...acked].filter((k) => !present.has(k)).length;
check.provider.destroy();
await stop(server);

const cleanup = new pg.Client({ connectionString: adminUrl });
await cleanup.connect();
await cleanup.query(`drop database if exists "${dbName}" with (force)`);
await cleanup.end();

console.log(
	`db-restart bench: ${written} updates written, ${acked.size} acknowledged, still unsaved after 30 s: ${stillSaving}, ` +
		`longest "Saving…" stretch ${longestSaving} ms, missing ${missing}`
);
process.exit(missing === 0 && stillSaving === 0 ? 0 : 1);
