// A slow link between the bench's browser and the server: a TCP proxy, in a process of its own,
// that holds each chunk for LATENCY ms and lets through at most MBPS Mbit/s each way (one lane
// per direction, shared by every connection, as one access link would be). Chrome's own
// throttling (Network.emulateNetworkConditions) was tried first and is not used: it held a
// websocket's handshake and first frames for ~16 s in about one page load in three, which no
// real link does, and its rate for websocket frames is well below the nominal one.
//
//   node bench/slow-link.mjs <listen port, 0: any> <target port> <latency ms> <Mbit/s>
// prints "listening <port>" once ready.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

/** Starts the proxy in front of `targetUrl`; resolves to its URL and a stop function. */
export async function startSlowLink(targetUrl, { latencyMs, mbps }) {
	const target = new URL(targetUrl);
	const child = spawn(
		process.execPath,
		[fileURLToPath(import.meta.url), '0', target.port, String(latencyMs), String(mbps || 0)],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	const port = await new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`slow link exited (${code})`)));
		child.stdout.on('data', (chunk) => {
			const match = /listening (\d+)/.exec(String(chunk));
			if (match) resolve(Number(match[1]));
		});
	});
	return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** One direction of the link: when it is next free, in ms since the epoch. */
function lane() {
	return { freeAt: 0 };
}

/** Forwards `from` to `to` through `way`, delayed and paced. */
function forward(from, to, way, latencyMs, bytesPerMs) {
	from.on('data', (chunk) => {
		const now = Date.now();
		// Paced: each chunk leaves once the lane has sent what came before it; then the latency.
		way.freeAt = Math.max(way.freeAt, now) + (bytesPerMs ? chunk.length / bytesPerMs : 0);
		setTimeout(() => to.writable && to.write(chunk), way.freeAt + latencyMs - now);
	});
	from.on('end', () =>
		setTimeout(() => to.end(), Math.max(0, way.freeAt + latencyMs - Date.now()))
	);
	from.on('error', () => to.destroy());
}

function main([listenPort, targetPort, latency, mbps]) {
	const latencyMs = Number(latency);
	const bytesPerMs = (Number(mbps) * 1_000_000) / 8 / 1000;
	const down = lane();
	const up = lane();
	const server = net.createServer((client) => {
		const upstream = net.connect(Number(targetPort), '127.0.0.1');
		client.setNoDelay(true);
		upstream.setNoDelay(true);
		forward(client, upstream, up, latencyMs, bytesPerMs);
		forward(upstream, client, down, latencyMs, bytesPerMs);
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	server.listen(Number(listenPort), '127.0.0.1', () =>
		console.log(`listening ${server.address().port}`)
	);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
