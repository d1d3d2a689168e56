// node bench/pglite-rss.mjs — the server's resident memory on PGlite, idle: after a first start
// on a fresh data folder (which creates the database, migrates and seeds it) and after a restart
// on the same folder; beside it, with BENCH_DATABASE_URL set, the same server on Postgres, whose
// RSS has no database in it: the difference is PGlite's share. Needs a build (npm run build).
import { rssMb, sleep, startOurs, stop } from './lib.mjs';

const IDLE_MS = 3000;

async function idleRss(options) {
	const server = await startOurs(options);
	await sleep(IDLE_MS);
	const rss = rssMb(server.child.pid);
	await stop(server);
	return { rss, dataDir: server.dataDir };
}

const postgresUrl = process.env.BENCH_DATABASE_URL;
// startOurs takes BENCH_DATABASE_URL from the environment: PGlite needs it unset.
delete process.env.BENCH_DATABASE_URL;
const first = await idleRss();
const restart = await idleRss({ dataDir: first.dataDir });
console.log(`PGlite, first start (creates the database): RSS ${first.rss} MB`);
console.log(`PGlite, restart on the same data:           RSS ${restart.rss} MB`);
if (postgresUrl) {
	process.env.BENCH_DATABASE_URL = postgresUrl;
	const postgres = await idleRss();
	console.log(`Postgres (no database in the process):      RSS ${postgres.rss} MB`);
	console.log(`PGlite's share after a restart: ${restart.rss - postgres.rss} MB`);
}
process.exit(0);
