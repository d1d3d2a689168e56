import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SavingDelay } from './saving-delay';

/** Changes made at given times and confirmed `ackMs` later, as the page would report them. */
function simulate(delay: SavingDelay, changeEveryMs: number, ackMs: number, forMs: number) {
	const waiting: number[] = [];
	const report = () => delay.update(waiting[0] ?? null);
	for (let t = 0; t < forMs; t += changeEveryMs) {
		setTimeout(() => {
			waiting.push(Date.now());
			report();
			setTimeout(() => {
				waiting.shift();
				report();
			}, ackMs);
		}, t);
	}
}

describe('SavingDelay', () => {
	let shown: boolean[];
	let delay: SavingDelay;

	beforeEach(() => {
		vi.useFakeTimers();
		shown = [];
		delay = new SavingDelay((showing) => shown.push(showing), { delayMs: 300, minVisibleMs: 500 });
	});
	afterEach(() => {
		delay.destroy();
		vi.useRealTimers();
	});

	it('never says "Saving…" while each keystroke is confirmed quickly', () => {
		simulate(delay, 60, 40, 1_000); // a second of typing, each change saved in 40 ms
		vi.advanceTimersByTime(3_000);
		expect(shown).toEqual([]);
	});

	it('never says "Saving…" while changes overlap but none waits long', () => {
		// A change every 60 ms, each saved 200 ms later: one is always in flight.
		simulate(delay, 60, 200, 2_000);
		vi.advanceTimersByTime(3_000);
		expect(shown).toEqual([]);
	});

	it('says "Saving…" once a change has waited past the delay, "Saved" once all are confirmed', () => {
		const madeAt = Date.now();
		delay.update(madeAt);
		vi.advanceTimersByTime(299);
		expect(delay.showing).toBe(false);
		vi.advanceTimersByTime(1);
		expect(shown).toEqual([true]);
		vi.advanceTimersByTime(400);
		delay.update(Date.now()); // the slow one is confirmed, a fresh one waits: stay up
		expect(shown).toEqual([true]);
		vi.advanceTimersByTime(100);
		delay.update(null);
		expect(shown).toEqual([true, false]);
	});

	it('shows at once for a change that has already waited (made while offline)', () => {
		delay.update(Date.now() - 5_000);
		expect(shown).toEqual([true]);
	});

	it('waits again from the next oldest change when the oldest is confirmed in time', () => {
		const first = Date.now();
		delay.update(first);
		vi.advanceTimersByTime(200);
		delay.update(first + 150); // the first confirmed; the second was made at 150
		vi.advanceTimersByTime(249);
		expect(delay.showing).toBe(false);
		vi.advanceTimersByTime(1);
		expect(shown).toEqual([true]);
	});

	it('keeps "Saving…" up long enough to read when the confirmation follows quickly', () => {
		delay.update(Date.now());
		vi.advanceTimersByTime(310); // shown at 300
		delay.update(null);
		vi.advanceTimersByTime(489);
		expect(delay.showing).toBe(true);
		vi.advanceTimersByTime(1);
		expect(shown).toEqual([true, false]);
	});
});
