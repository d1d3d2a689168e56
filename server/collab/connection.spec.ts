import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { CollabIdentity } from './authorize';
import { Connection } from './connection';
import { SharedMessage } from './shared-frame';

/** A peer's socket that records what is written to it, in order. */
function peer() {
	const written: number[][] = [];
	const ws = {
		readyState: 1,
		bufferedAmount: 0,
		send: (data: Uint8Array) => written.push([...data])
	};
	const conn = new Connection(
		ws as unknown as WebSocket,
		{} as CollabIdentity,
		1_000_000,
		false,
		true
	);
	return { conn, written };
}

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

describe('a connection holding messages behind an answer still being made', () => {
	it('sends the answer first, then what was sent meanwhile, in order; then sends at once', async () => {
		const { conn, written } = peer();
		const answer = deferred<Uint8Array[]>();
		const sent = conn.holdFor(answer.promise);
		conn.sendShared(new SharedMessage(new Uint8Array([0, 2, 7]))); // a relay of an edit
		conn.send(new Uint8Array([100, 1, 7])); // "saved"
		expect(written).toEqual([]);
		answer.resolve([new Uint8Array([0, 2, 1]), new Uint8Array([106, 3, 9, 9, 9])]);
		await sent;
		expect(written).toEqual([
			[0, 2, 1],
			[106, 3, 9, 9, 9],
			[0, 2, 7],
			[100, 1, 7]
		]);
		conn.send(new Uint8Array([102]));
		expect(written.at(-1)).toEqual([102]);
	});

	it('keeps two answers in the order they were asked, and lets the rest go if one fails', async () => {
		const { conn, written } = peer();
		const first = deferred<Uint8Array[]>();
		const second = deferred<Uint8Array[]>();
		const sends = [conn.holdFor(first.promise)];
		conn.send(new Uint8Array([1, 1]));
		sends.push(conn.holdFor(second.promise));
		conn.send(new Uint8Array([1, 2]));
		second.resolve([new Uint8Array([0, 1, 2])]);
		await Promise.resolve();
		expect(written).toEqual([]); // the first still holds everything behind it
		first.reject(new Error('zlib'));
		await Promise.all(sends);
		expect(written).toEqual([
			[1, 1],
			[0, 1, 2],
			[1, 2]
		]);
	});
});

/** A real socket pair on loopback: the server's side as a Connection, the client's raw socket. */
async function socketPair() {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await new Promise((resolve) => wss.once('listening', resolve));
	const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
	const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
	await new Promise((resolve) => client.once('open', resolve));
	const server = await accepted;
	const conn = new Connection(server, {} as CollabIdentity, 1e9);
	const clientSocket = (client as unknown as { _socket: import('node:net').Socket })._socket;
	const close = () => {
		client.terminate();
		server.terminate();
		wss.close();
	};
	return { conn, client, clientSocket, close };
}

describe('a connection flushing what it sent', () => {
	it('resolves at once when nothing waits in this process', async () => {
		const { conn, close } = await socketPair();
		try {
			conn.send(new Uint8Array(100));
			const t0 = performance.now();
			await conn.flushed(5_000);
			expect(performance.now() - t0).toBeLessThan(100);
		} finally {
			close();
		}
	});

	it('waits until a large answer has left the process, or for maxMs when the peer does not read', async () => {
		const { conn, client, clientSocket, close } = await socketPair();
		try {
			clientSocket.pause(); // the peer reads nothing: the kernel's buffers fill, then ours
			conn.send(new Uint8Array(32 * 1024 * 1024));
			let done = false;
			const flushed = conn.flushed(60_000).then(() => (done = true));
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(done).toBe(false);
			expect(conn.ws.bufferedAmount).toBeGreaterThan(0);
			// The peer reads: the rest leaves, and the wait ends with nothing left here.
			const received = new Promise((resolve) => client.once('message', resolve));
			clientSocket.resume();
			await flushed;
			expect(conn.ws.bufferedAmount).toBe(0);
			await received;

			// A peer that never reads holds the wait for maxMs only.
			clientSocket.pause();
			conn.send(new Uint8Array(32 * 1024 * 1024));
			const t0 = performance.now();
			await conn.flushed(300);
			const waited = performance.now() - t0;
			expect(waited).toBeGreaterThanOrEqual(290);
			expect(waited).toBeLessThan(2_000);
			expect(conn.ws.bufferedAmount).toBeGreaterThan(0);
		} finally {
			close();
		}
	});
});
