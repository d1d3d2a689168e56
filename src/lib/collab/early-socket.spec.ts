import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FramedSocket } from './framed-socket';

/** A socket that records what is sent; the test opens it and delivers messages by hand. */
class FakeSocket {
	static CONNECTING = 0;
	static OPEN = 1;
	static made: FakeSocket[] = [];
	readyState = FakeSocket.CONNECTING;
	binaryType = 'blob';
	sent: number[][] = [];
	onopen: ((e: Event) => void) | null = null;
	onmessage: ((e: MessageEvent) => void) | null = null;
	constructor(readonly url: string) {
		FakeSocket.made.push(this);
	}
	send(data: Uint8Array) {
		this.sent.push([...data]);
	}
	close() {}
	open() {
		this.readyState = FakeSocket.OPEN;
		this.onopen?.(new Event('open'));
	}
	deliver(bytes: number[]) {
		this.onmessage?.({ data: new Uint8Array(bytes).buffer } as MessageEvent);
	}
}

/** Runs the inline script as the page's <head> would, at `pathname`. */
async function loadPage(pathname: string) {
	const { EARLY_SOCKET_SCRIPT } = await import('./early-socket');
	const where = { pathname, protocol: 'http:', host: 'h' };
	new Function('window', 'location', 'WebSocket', 'setTimeout', EARLY_SOCKET_SCRIPT)(
		globalThis,
		where,
		FakeSocket,
		setTimeout
	);
}

describe('the early socket', () => {
	beforeEach(() => {
		vi.resetModules();
		FakeSocket.made = [];
		vi.stubGlobal('WebSocket', FakeSocket);
		vi.stubGlobal('__ieumEarly', null);
	});
	afterEach(() => vi.unstubAllGlobals());

	it("opens for a plan's views only, asking for the whole doc by its URL", async () => {
		for (const path of ['/', '/roadmaps/new', '/roadmaps/r1/settings', '/roadmaps/r1/report'])
			await loadPage(path);
		expect(FakeSocket.made).toEqual([]);
		for (const path of ['/roadmaps/r1', '/roadmaps/r2/timeline', '/roadmaps/r%203/board/'])
			await loadPage(path);
		expect(FakeSocket.made.map((s) => s.url)).toEqual([
			// This browser (Node) inflates raw DEFLATE, so the doc may come deflated (106).
			'ws://h/collab/r1?parts=1&deflated=1&all=1',
			'ws://h/collab/r2?parts=1&deflated=1&all=1',
			'ws://h/collab/r 3?parts=1&deflated=1&all=1'
		]);
		FakeSocket.made[0].open();
		expect(FakeSocket.made[0].sent).toEqual([]); // the server sends unasked
	});

	it('never throws: a path it cannot decode leaves the socket to the provider', async () => {
		await loadPage('/roadmaps/%E0%A4%A');
		expect(FakeSocket.made).toEqual([]);
	});

	it('is handed to the provider once: what came first is replayed, then open; the second ask is dropped', async () => {
		await loadPage('/roadmaps/r1/board');
		const { AdoptingWebSocket } = await import('./early-socket');
		const early = FakeSocket.made[0];
		early.open();
		early.deliver([0, 1, 9]); // the whole doc, before the page was ready for it
		const adopted = new AdoptingWebSocket(
			'ws://h/collab/r1?parts=1&deflated=1'
		) as unknown as FramedSocket;
		expect(adopted.socket).toBe(early);
		const seen: string[] = [];
		adopted.onmessage = (e) => seen.push(`message ${[...new Uint8Array(e.data)]}`);
		adopted.onopen = () => {
			seen.push('open');
			adopted.send(new Uint8Array([0, 2, 7])); // a reply passes
			adopted.send(new Uint8Array([0, 0, 1, 0])); // the empty doc's ask again: dropped
			adopted.send(new Uint8Array([0, 0, 1, 0])); // only once
		};
		await Promise.resolve();
		expect(seen).toEqual(['message 0,1,9', 'open']);
		expect(early.sent).toEqual([
			[0, 2, 7],
			[0, 0, 1, 0]
		]);
		// A reconnect, or another room, gets a socket of its own.
		const again = new AdoptingWebSocket('ws://h/collab/r1?parts=1&deflated=1');
		expect((again as unknown as FramedSocket).socket).not.toBe(early);
		expect(FakeSocket.made).toHaveLength(2);
	});

	it('is not adopted for another room, and a socket adopted before it opened opens as usual', async () => {
		await loadPage('/roadmaps/r1/board');
		const { AdoptingWebSocket } = await import('./early-socket');
		const early = FakeSocket.made[0];
		const other = new AdoptingWebSocket('ws://h/collab/other?parts=1&deflated=1');
		expect((other as unknown as FramedSocket).socket).not.toBe(early);
		const adopted = new AdoptingWebSocket(
			'ws://h/collab/r1?parts=1&deflated=1'
		) as unknown as FramedSocket;
		expect(adopted.socket).toBe(early);
		let opened = 0;
		adopted.onopen = () => opened++;
		await Promise.resolve();
		expect(opened).toBe(0); // not yet open: its own open event comes later
		early.open();
		expect(opened).toBe(1);
		adopted.send(new Uint8Array([0, 0, 1, 0])); // the provider's ask on open: dropped, the
		adopted.send(new Uint8Array([0, 0, 2, 5, 6])); // server sends unasked; a later ask passes
		expect(early.sent).toEqual([[0, 0, 2, 5, 6]]);
	});

	it('closes a socket nobody adopted for 15 s since its last message', async () => {
		vi.useFakeTimers();
		try {
			await loadPage('/roadmaps/r1');
			const early = FakeSocket.made[0];
			let closed = false;
			early.close = () => void (closed = true);
			early.open();
			vi.advanceTimersByTime(10_000);
			early.deliver([0, 1, 9]); // the doc still coming on a slow link
			vi.advanceTimersByTime(14_000);
			expect(closed).toBe(false);
			vi.advanceTimersByTime(1_000);
			expect(closed).toBe(true);
			const { AdoptingWebSocket } = await import('./early-socket');
			const late = new AdoptingWebSocket('ws://h/collab/r1?parts=1&deflated=1');
			expect((late as unknown as FramedSocket).socket).not.toBe(early);
		} finally {
			vi.useRealTimers();
		}
	});
});
