import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
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
