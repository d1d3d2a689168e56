// npm run bench:db-restart — writers edit continuously against our server on Postgres while
// Postgres itself is restarted. Pages would show "Saving…" during the outage (no 'saved' arrives)
// and "Saved" after; nothing acknowledged or relayed may be missing. Restarts the machine's local
// Postgres cluster (pg_ctlcluster), so run it only where that is yours to restart.
// Env: BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import {
	benchDatabase,
	benchUser,
	createRoadmaps,
	sleep,
	startOurs,
	stop,
	synced,
	typeAndTrack,
	writer
} from './lib.mjs';

const database = await benchDatabase();
const server = await startOurs();
const user = await benchUser(server.url);
const [roadmapId] = await createRoadmaps(server.url, user, 1, 'five-tasks');
const headers = { cookie: user.cookie, origin: server.url };
const writers = Array.from({ length: 3 }, () => writer(server.ws, roadmapId, headers));
await Promise.all(writers.map((w) => synced(w.provider)));
const typing = typeAndTrack(writers);
const { acked } = typing.stats;

await sleep(2000);
const cluster = readdirSync('/etc/postgresql')[0];
const t0 = Date.now();
console.log(`restarting Postgres ${cluster}/main under load…`);
execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'restart'], {
	stdio: 'inherit'
});
console.log(`Postgres back after ${Date.now() - t0} ms`);
await sleep(5000);
// Wait until every writer is "Saved" again.
const stillSaving = await typing.finish();
const { written, longestSaving } = typing.stats;
for (const w of writers) w.provider.destroy();

const check = writer(server.ws, roadmapId, headers);
await synced(check.provider);
const present = check.doc.getMap('bench');
const missing = [...acked].filter((k) => !present.has(k)).length;
check.provider.destroy();
await stop(server);

await database.drop();

console.log(
	`db-restart bench: ${written} updates written, ${acked.size} acknowledged, still unsaved after 30 s: ${stillSaving}, ` +
		`longest "Saving…" stretch ${longestSaving} ms, missing ${missing}`
);
process.exit(missing === 0 && stillSaving === 0 ? 0 : 1);
