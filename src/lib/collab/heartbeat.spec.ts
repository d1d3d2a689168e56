import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from './heartbeat';

/** A link whose far end answers probes after `answerMs`, or never once cut. */
function fakeLink(answerMs = 20) {
	const link = {
		heardAt: Date.now(),
		cut: false,
		probes: 0,
		deadAt: null as number | null,
		lastHeard: () => link.heardAt,
		probe: () => {
			link.probes++;
			if (!link.cut) setTimeout(() => !link.cut && (link.heardAt = Date.now()), answerMs);
		},
		dead: () => (link.deadAt = Date.now())
	};
	return link;
}

describe('Heartbeat', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('keeps a quiet but working link open, probing only while nothing else arrives', () => {
		const link = fakeLink();
		const heartbeat = new Heartbeat(link);
		heartbeat.start();
		vi.advanceTimersByTime(60_000);
		expect(link.deadAt).toBeNull();
		expect(link.probes).toBeGreaterThan(50); // about one per 770 ms of silence
		expect(link.probes).toBeLessThan(90);
		heartbeat.stop();
	});

	it('sends no probes while messages keep arriving', () => {
		const link = fakeLink();
		const heartbeat = new Heartbeat(link);
		heartbeat.start();
		const traffic = setInterval(() => (link.heardAt = Date.now()), 200);
		vi.advanceTimersByTime(10_000);
		expect(link.probes).toBe(0);
		clearInterval(traffic);
		heartbeat.stop();
	});

	it('declares a silently cut link dead within 2 s of the last message', () => {
		const link = fakeLink();
		const heartbeat = new Heartbeat(link);
		heartbeat.start();
		vi.advanceTimersByTime(5_000);
		const lastHeard = link.heardAt;
		link.cut = true;
		vi.advanceTimersByTime(5_000);
		expect(link.deadAt).not.toBeNull();
		expect(link.deadAt! - lastHeard).toBeLessThanOrEqual(2_000);
		const probes = link.probes;
		vi.advanceTimersByTime(10_000); // and then stops: reconnecting is someone else's job
		expect(link.probes).toBe(probes);
	});

	it('gives a late-checked deadline (a stalled or throttled page) one more probe', () => {
		const link = fakeLink();
		const heartbeat = new Heartbeat(link);
		heartbeat.start();
		link.cut = true;
		vi.advanceTimersByTime(750); // probe sent
		expect(link.probes).toBe(1);
		// The page stalls for 3 s: the deadline runs late, the link is given another chance...
		vi.setSystemTime(Date.now() + 3_000);
		vi.advanceTimersByTime(1_000);
		expect(link.deadAt).toBeNull();
		expect(link.probes).toBe(2);
		// ...and the answer that was queued behind the stall counts.
		link.heardAt = Date.now();
		vi.advanceTimersByTime(1_000);
		expect(link.deadAt).toBeNull();
		// Still silent after that: dead.
		vi.advanceTimersByTime(3_000);
		expect(link.deadAt).not.toBeNull();
	});

	it('does nothing once stopped', () => {
		const link = fakeLink();
		const heartbeat = new Heartbeat(link);
		heartbeat.start();
		link.cut = true;
		heartbeat.stop();
		vi.advanceTimersByTime(10_000);
		expect(link.probes).toBe(0);
		expect(link.deadAt).toBeNull();
	});
});
