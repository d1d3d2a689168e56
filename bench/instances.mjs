// Pieces for running several instances, shared by bench:scale and tests/integration/instances:
// a throwaway Redis of our own (the machine's shared one must never be stopped), free ports, and
// a failover TCP proxy standing in for the load balancer.
import { spawn } from 'node:child_process';
import net from 'node:net';

/** @returns {Promise<number>} */
export async function freePort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {net.AddressInfo} */ (server.address());
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/**
 * @typedef {object} ThrowawayRedis
 * @property {string} url
 * @property {number} port
 * @property {() => Promise<void>} start Starts it (again) on the same port, once it accepts connections.
 * @property {() => Promise<void>} kill Kills it at once (it has no persistence anyway).
 */

/**
 * A `redis-server` on a free loopback port, without persistence.
 * @returns {Promise<ThrowawayRedis>}
 */
export async function throwawayRedis() {
	const port = await freePort();
	/** @type {import('node:child_process').ChildProcess | null} */
	let child = null;
	/** @type {ThrowawayRedis} */
	const redis = {
		url: `redis://127.0.0.1:${port}`,
		port,
		async start() {
			const started = spawn(
				'redis-server',
				['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
				{ stdio: ['ignore', 'pipe', 'pipe'] }
			);
			child = started;
			let output = '';
			await new Promise((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`redis did not start:\n${output}`)),
					20_000
				);
				started.stdout.on('data', (chunk) => {
					output += chunk;
					if (output.includes('Ready to accept connections')) {
						clearTimeout(timer);
						resolve(undefined);
					}
				});
				started.once('exit', (code) => {
					clearTimeout(timer);
					reject(new Error(`redis exited with ${code}:\n${output}`));
				});
			});
		},
		async kill() {
			const running = child;
			child = null;
			if (!running || running.exitCode !== null || running.signalCode !== null) return;
			const exited = new Promise((resolve) => running.once('exit', resolve));
			running.kill('SIGKILL');
			await exited;
		}
	};
	await redis.start();
	return redis;
}

/** @typedef {{ url: string, close(): Promise<void> }} Balancer */

/**
 * A TCP proxy that sends each new connection to the first backend in `order()` that accepts it:
 * what a balancer does once its health check has taken a dead instance out, so a client whose
 * instance went away lands on another when it reconnects.
 * @param {() => number[]} order the backends' ports, most preferred first
 * @returns {Promise<Balancer>}
 */
export async function failoverProxy(order) {
	/** @type {Set<net.Socket>} */
	const open = new Set();
	const server = net.createServer((client) => {
		open.add(client);
		client.once('close', () => open.delete(client));
		client.on('error', () => client.destroy());
		client.pause();
		/** @param {number[]} ports */
		const tryBackend = (ports) => {
			const [port, ...rest] = ports;
			if (port === undefined) return client.destroy();
			const backend = net.connect(port, '127.0.0.1');
			let connected = false;
			backend.on('error', () => {
				backend.destroy();
				if (!connected) tryBackend(rest); // refused: that instance is down, try the next
			});
			backend.once('connect', () => {
				connected = true;
				open.add(backend);
				backend.once('close', () => {
					open.delete(backend);
					client.destroy();
				});
				client.once('close', () => backend.destroy());
				client.pipe(backend);
				backend.pipe(client);
				client.resume();
			});
		};
		tryBackend(order());
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {net.AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => {
			for (const socket of open) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}
