import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { keepPresenceFresh, PRESENCE_FRESHNESS } from './presence-freshness';

/** Two pages' awareness, wired to each other directly (as through a relaying server). */
function pair() {
	const a = new awarenessProtocol.Awareness(new Y.Doc());
	const b = new awarenessProtocol.Awareness(new Y.Doc());
	const wire = { up: true };
	const relay =
		(from: awarenessProtocol.Awareness, to: awarenessProtocol.Awareness) =>
		({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
			if (!wire.up || origin === 'remote') return;
			const update = awarenessProtocol.encodeAwarenessUpdate(from, [
				...added,
				...updated,
				...removed
			]);
			awarenessProtocol.applyAwarenessUpdate(to, update, 'remote');
		};
	a.on('update', relay(a, b));
	b.on('update', relay(b, a));
	a.setLocalState({ user: { name: 'A' } });
	b.setLocalState({ user: { name: 'B' } });
	return { a, b, wire };
}

describe('keepPresenceFresh', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('keeps a live peer present indefinitely', () => {
		const { a, b } = pair();
		const stops = [keepPresenceFresh(a), keepPresenceFresh(b)];
		vi.advanceTimersByTime(120_000);
		expect(a.getStates().has(b.clientID)).toBe(true);
		expect(b.getStates().has(a.clientID)).toBe(true);
		for (const stop of stops) stop();
	});

	it('forgets a peer that vanished without a goodbye within 10 s', () => {
		const { a, b, wire } = pair();
		const stops = [keepPresenceFresh(a), keepPresenceFresh(b)];
		vi.advanceTimersByTime(5_000);
		wire.up = false; // b's page froze or lost its network; no removal was ever sent
		const gone = Date.now();
		let forgottenAt: number | null = null;
		a.on('change', ({ removed }: { removed: number[] }) => {
			if (removed.includes(b.clientID)) forgottenAt = Date.now();
		});
		vi.advanceTimersByTime(15_000);
		expect(forgottenAt).not.toBeNull();
		expect(forgottenAt! - gone).toBeLessThanOrEqual(10_000);
		expect(a.getStates().has(a.clientID)).toBe(true); // never itself
		for (const stop of stops) stop();
	});

	it('does nothing once stopped', () => {
		const { a, b, wire } = pair();
		const stop = keepPresenceFresh(a);
		wire.up = false;
		stop();
		vi.advanceTimersByTime(20_000); // under y-protocols' own 30 s timeout
		expect(a.getStates().has(b.clientID)).toBe(true);
	});

	it('renews less often in a crowded room, so traffic does not grow with the square of its size', () => {
		const { a } = pair();
		// 49 more people in the room: twice the size that renews at the full rate.
		for (let i = 0; i < 49; i++) {
			const other = new awarenessProtocol.Awareness(new Y.Doc());
			other.setLocalState({ user: { name: `P${i}` } });
			awarenessProtocol.applyAwarenessUpdate(
				a,
				awarenessProtocol.encodeAwarenessUpdate(other, [other.clientID]),
				'remote'
			);
		}
		let renewals = 0;
		a.on('update', (_: unknown, origin: unknown) => origin === 'local' && renewals++);
		const stop = keepPresenceFresh(a, { ...PRESENCE_FRESHNESS });
		// 3 s × (51 / 25) ≈ 6.1 s between renewals instead of 3 s: one in 12 s, not four
		// (and nobody is dropped yet, since the silence allowed stretches too).
		vi.advanceTimersByTime(12_000);
		expect(renewals).toBe(1);
		expect(a.getStates().size).toBe(51);
		stop();
	});
});
