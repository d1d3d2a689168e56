import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

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

const where = { pathname: '/roadmaps/r1/board', protocol: 'http:', host: 'h' } as Location;

describe('the early socket', () => {
	beforeEach(() => {
		vi.resetModules();
		FakeSocket.made = [];
		vi.stubGlobal('WebSocket', FakeSocket);
	});
	afterEach(() => vi.unstubAllGlobals());

	it('opens for a plan view only, asking for the whole doc', async () => {
		const { openEarlySocket, roomOfPath } = await import('./early-socket');
		expect(roomOfPath('/roadmaps/r1')).toBe('r1');
		expect(roomOfPath('/roadmaps/r1/timeline')).toBe('r1');
		expect(roomOfPath('/roadmaps/r1/settings')).toBeNull();
		expect(roomOfPath('/')).toBeNull();
		expect(roomOfPath('/roadmaps/new')).toBeNull();
		openEarlySocket(where);
		expect(FakeSocket.made.map((s) => s.url)).toEqual(['ws://h/collab/r1']);
		FakeSocket.made[0].open();
		expect(FakeSocket.made[0].sent).toEqual([[0, 0, 1, 0]]);
	});

	it('is handed to the provider once: what came first is replayed, then open; the second ask is dropped', async () => {
		const { openEarlySocket, AdoptingWebSocket } = await import('./early-socket');
		openEarlySocket(where);
		const early = FakeSocket.made[0];
		early.open();
		early.deliver([0, 1, 9]); // the whole doc, before the page was ready for it
		const adopted = new AdoptingWebSocket('ws://h/collab/r1') as unknown as FakeSocket;
		expect(adopted).toBe(early);
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
			[0, 0, 1, 0],
			[0, 2, 7],
			[0, 0, 1, 0]
		]);
		// A reconnect, or another room, gets a socket of its own.
		expect(new AdoptingWebSocket('ws://h/collab/r1')).not.toBe(early);
		expect(FakeSocket.made).toHaveLength(2);
	});

	it('is not adopted for another room, and a socket adopted before it opened opens as usual', async () => {
		const { openEarlySocket, AdoptingWebSocket } = await import('./early-socket');
		openEarlySocket(where);
		const early = FakeSocket.made[0];
		expect(new AdoptingWebSocket('ws://h/collab/other')).not.toBe(early);
		const adopted = new AdoptingWebSocket('ws://h/collab/r1') as unknown as FakeSocket;
		expect(adopted).toBe(early);
		let opened = 0;
		adopted.onopen = () => opened++;
		await Promise.resolve();
		expect(opened).toBe(0); // not yet open: its own open event comes later
		adopted.open();
		expect(opened).toBe(1);
		expect(early.sent).toEqual([]); // the provider's onopen asks, not the early one
	});
});
