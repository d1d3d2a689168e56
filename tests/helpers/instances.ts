/**
 * Pieces for multi-instance tests: a throwaway Redis of our own (the machine's shared one must
 * never be stopped), free ports, and a failover TCP proxy standing in for the load balancer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

export interface ThrowawayRedis {
	url: string;
	port: number;
	/** Starts it (again) on the same port; resolves once it accepts connections. */
	start(): Promise<void>;
	/** Kills it at once (no save: it has no persistence anyway). */
	kill(): Promise<void>;
}

/** A `redis-server` on a free loopback port, without persistence, for one test file. */
export async function throwawayRedis(): Promise<ThrowawayRedis> {
	const port = await freePort();
	let child: ChildProcess | null = null;
	const redis: ThrowawayRedis = {
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
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`redis did not start:\n${output}`)),
					20_000
				);
				started.stdout!.on('data', (chunk) => {
					output += chunk;
					if (output.includes('Ready to accept connections')) {
						clearTimeout(timer);
						resolve();
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

export interface Balancer {
	url: string;
	close(): Promise<void>;
}

/**
 * A TCP proxy that sends each new connection to the first backend in `order()` that accepts it:
 * what a balancer does once its health check has taken a dead instance out, so a client whose
 * instance went away lands on another when it reconnects.
 */
export async function failoverProxy(order: () => number[]): Promise<Balancer> {
	const open = new Set<net.Socket>();
	const server = net.createServer((client) => {
		open.add(client);
		client.once('close', () => open.delete(client));
		client.on('error', () => client.destroy());
		client.pause();
		const tryBackend = (ports: number[]) => {
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
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => {
			for (const socket of open) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}
