import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { binaryFrame, rawSocket, SharedMessage } from './shared-frame';

let closeAll: (() => Promise<void>) | null = null;
afterEach(async () => {
	await closeAll?.();
	closeAll = null;
});

/** A ws server with `peers` real ws clients; resolves with both ends of each connection. */
async function connected(peers: number) {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await once(wss, 'listening');
	const serverSides: WebSocket[] = [];
	wss.on('connection', (ws) => serverSides.push(ws));
	const { port } = wss.address() as AddressInfo;
	const clients = await Promise.all(
		Array.from({ length: peers }, async () => {
			const ws = new WebSocket(`ws://127.0.0.1:${port}`);
			await once(ws, 'open');
			return ws;
		})
	);
	while (serverSides.length < peers) await new Promise((r) => setTimeout(r, 5));
	closeAll = async () => {
		for (const ws of [...clients, ...serverSides]) ws.terminate();
		await new Promise((r) => wss.close(r));
	};
	return { serverSides, clients };
}

const bytes = (length: number, seed: number) =>
	Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

describe('shared frames', () => {
	it('reach every ws peer as the same messages ws.send delivers, in order, at every length encoding', async () => {
		const { serverSides, clients } = await connected(3);
		const received = clients.map(() => [] as Buffer[]);
		const expected: Uint8Array[] = [];
		clients.forEach((c, i) => c.on('message', (data) => received[i].push(data as Buffer)));
		// 7-bit, 16-bit and 64-bit lengths, each next to a message ws.send frames itself.
		for (const length of [0, 1, 125, 126, 65_535, 65_536, 200_000]) {
			const shared = new SharedMessage(bytes(length, length));
			const own = bytes(5, length + 1);
			for (const ws of serverSides) {
				rawSocket(ws)!.write(shared.framed);
				ws.send(own);
			}
			expected.push(shared.data, own);
		}
		await Promise.all(
			received.map(
				(list) =>
					new Promise<void>((resolve) => {
						const check = () => (list.length >= expected.length ? resolve() : setTimeout(check, 5));
						check();
					})
			)
		);
		for (const list of received)
			expect(list.map((b) => [...b])).toEqual(expected.map((b) => [...b]));
	});

	it('frames once, however many peers take it', () => {
		const shared = new SharedMessage(bytes(10, 1));
		expect(shared.framed).toBe(shared.framed);
		expect([...binaryFrame(Uint8Array.of(9, 8))]).toEqual([0x82, 2, 9, 8]);
	});

	it('finds no socket where a ws object keeps none', () => {
		expect(rawSocket({} as WebSocket)).toBeNull();
	});
});
