import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Reconnector } from './reconnector';

/**
 * A socket that behaves like our y-websocket wiring: connecting opens after `openMs` while the
 * network is up (else fails after `failMs`), and every close is reported through `closed()`.
 */
function fakeSocket() {
	const socket = {
		network: true,
		state: 'closed' as 'closed' | 'connecting' | 'open',
		connects: 0,
		openMs: 30,
		failMs: 10,
		hang: false,
		reconnector: null as unknown as Reconnector,
		pending: undefined as ReturnType<typeof setTimeout> | undefined,
		connect() {
			if (socket.state !== 'closed') return;
			socket.connects++;
			socket.state = 'connecting';
			if (socket.hang) return;
			socket.pending = setTimeout(
				() => {
					if (socket.network) {
						socket.state = 'open';
						socket.reconnector.opened();
						socket.reconnector.synced();
					} else socket.drop();
				},
				socket.network ? socket.openMs : socket.failMs
			);
		},
		disconnect() {
			if (socket.state !== 'closed') socket.drop();
		},
		drop() {
			clearTimeout(socket.pending);
			socket.state = 'closed';
			socket.reconnector.closed();
		}
	};
	return socket;
}

describe('Reconnector', () => {
	let network: EventTarget;
	let socket: ReturnType<typeof fakeSocket>;

	function start(online = true) {
		socket = fakeSocket();
		socket.network = online;
		socket.reconnector = new Reconnector(socket, { network, online, random: () => 1 });
		socket.reconnector.start();
		return socket.reconnector;
	}

	beforeEach(() => {
		vi.useFakeTimers();
		network = new EventTarget();
	});
	afterEach(() => {
		socket.reconnector.stop();
		vi.useRealTimers();
	});

	it('connects at once, and drops the socket the moment the browser goes offline', () => {
		const reconnector = start();
		vi.advanceTimersByTime(100);
		expect(socket.state).toBe('open');
		socket.network = false;
		network.dispatchEvent(new Event('offline'));
		expect(socket.state).toBe('closed');
		expect(reconnector.state).toBe('offline');
	});

	it('makes no attempts while offline, and reconnects as soon as the browser is online', () => {
		const reconnector = start();
		vi.advanceTimersByTime(100);
		socket.network = false;
		network.dispatchEvent(new Event('offline'));
		const connects = socket.connects;
		vi.advanceTimersByTime(60_000);
		expect(socket.connects).toBe(connects);
		socket.network = true;
		network.dispatchEvent(new Event('online'));
		expect(socket.connects).toBe(connects + 1); // no backoff timer to wait out
		vi.advanceTimersByTime(30);
		expect(reconnector.state).toBe('open');
	});

	it('waits for `online` when the page starts offline', () => {
		start(false);
		vi.advanceTimersByTime(10_000);
		expect(socket.connects).toBe(0);
		socket.network = true;
		network.dispatchEvent(new Event('online'));
		vi.advanceTimersByTime(30);
		expect(socket.state).toBe('open');
	});

	it('backs off exponentially (capped) while the server is unreachable, then resets', () => {
		start();
		socket.network = false; // the browser thinks it is online; the server does not answer
		vi.advanceTimersByTime(100);
		socket.drop();
		const times: number[] = [];
		let last = socket.connects;
		for (let t = 0; t < 60_000; t += 10) {
			vi.advanceTimersByTime(10);
			if (socket.connects !== last) times.push(t);
			last = socket.connects;
		}
		const gaps = times.slice(1).map((t, i) => t - times[i]);
		expect(gaps.slice(0, 4)).toEqual([510, 1010, 2010, 4010]); // 2^n × 250 ms (+ the failure)
		expect(Math.max(...gaps)).toBe(10_010); // capped at 10 s
		socket.network = true;
		vi.advanceTimersByTime(10_100);
		expect(socket.state).toBe('open');
		socket.drop(); // a server restart after a good session: retried quickly again
		vi.advanceTimersByTime(250);
		expect(socket.state).not.toBe('closed');
	});

	it('abandons an attempt that hangs, instead of waiting minutes for the network stack', () => {
		start();
		vi.advanceTimersByTime(100);
		socket.hang = true;
		socket.drop();
		vi.advanceTimersByTime(250); // retried
		expect(socket.state).toBe('connecting');
		const connects = socket.connects;
		socket.hang = false;
		vi.advanceTimersByTime(5_000 + 500 + 30);
		expect(socket.connects).toBe(connects + 1);
		expect(socket.state).toBe('open');
	});

	it('replaces an attempt begun before the network came back', () => {
		start();
		vi.advanceTimersByTime(100);
		socket.hang = true;
		socket.drop();
		vi.advanceTimersByTime(250);
		expect(socket.state).toBe('connecting');
		socket.hang = false;
		network.dispatchEvent(new Event('online'));
		vi.advanceTimersByTime(30);
		expect(socket.state).toBe('open');
	});

	it('reconnects quickly when the heartbeat finds the link dead', () => {
		const reconnector = start();
		vi.advanceTimersByTime(100);
		const connects = socket.connects;
		reconnector.dead();
		expect(socket.state).toBe('closed');
		vi.advanceTimersByTime(250);
		expect(socket.connects).toBe(connects + 1);
	});

	it('reconnects within 100 ms when its instance restarts, but never in a loop', () => {
		const reconnector = start();
		vi.advanceTimersByTime(100); // open and synced
		const connects = socket.connects;
		socket.state = 'closed'; // the server closed with 1012
		reconnector.restarting();
		vi.advanceTimersByTime(100);
		expect(socket.connects).toBe(connects + 1); // a plain close would wait up to 250 ms
		// That instance restarts too before the document came: an ordinary, backed-off retry.
		clearTimeout(socket.pending);
		socket.state = 'closed';
		reconnector.restarting();
		vi.advanceTimersByTime(200);
		expect(socket.connects).toBe(connects + 1);
		vi.advanceTimersByTime(100);
		expect(socket.connects).toBe(connects + 2);
	});

	it('stops for good when told, whatever the network does', () => {
		const reconnector = start();
		vi.advanceTimersByTime(100);
		reconnector.stop();
		socket.drop();
		network.dispatchEvent(new Event('online'));
		vi.advanceTimersByTime(60_000);
		expect(socket.connects).toBe(1);
	});
});
