// What idle connections cost the server (issue 8): its CPU time a second with nobody connected,
// then with N connections open on one roadmap and nobody typing. Each connection is a raw
// websocket (the `ws` library answers the server's pings itself), as a page left open is.
//
//   node bench/idle.mjs [--connections 200] [--seconds 20] [--settle 10]
// On PGlite unless BENCH_DATABASE_URL names a Postgres database.
import {
	benchUser,
	cpuMs,
	createRoadmaps,
	numberOption,
	receiver,
	sleep,
	startOurs,
	stop
} from './lib.mjs';

const CONNECTIONS = numberOption('--connections', 200);
const SECONDS = numberOption('--seconds', 20);
const SETTLE_MS = numberOption('--settle', 10) * 1000;

/** The server's CPU ms per wall second over SECONDS. */
async function cpuPerSecond(pid) {
	const cpu0 = cpuMs(pid);
	const t0 = performance.now();
	await sleep(SECONDS * 1000);
	return ((cpuMs(pid) - cpu0) * 1000) / (performance.now() - t0);
}

const server = await startOurs();
const sockets = [];
try {
	const user = await benchUser(server.url);
	const [roadmapId] = await createRoadmaps(server.url, user, 1, 'five-tasks');
	await sleep(SETTLE_MS); // start-up work (migrations, the projection sweep) settles
	const none = await cpuPerSecond(server.child.pid);
	for (let i = 0; i < CONNECTIONS; i++) {
		const socket = receiver(
			server.ws,
			roadmapId,
			{ cookie: user.cookie, origin: user.origin },
			() => {}
		);
		await socket.opened;
		sockets.push(socket);
	}
	await sleep(SETTLE_MS); // the opens' own work is over
	const open = await cpuPerSecond(server.child.pid);
	const db = process.env.BENCH_DATABASE_URL ? 'Postgres' : 'PGlite';
	console.log(`idle server on ${db}, CPU time a second over ${SECONDS} s:`);
	console.log(`  nobody connected: ${none.toFixed(1)} ms/s`);
	console.log(
		`  ${CONNECTIONS} idle connections: ${open.toFixed(1)} ms/s (${(((open - none) / CONNECTIONS) * 1000).toFixed(0)} µs/s each)`
	);
} finally {
	for (const { ws } of sockets) ws.terminate();
	await stop(server);
}
