import { describe, expect, it } from 'vitest';
import { timeSlices } from './event-loop';

describe('timeSlices', () => {
	it('lets a timer due meanwhile run once the work has held the loop for the slice, not before', async () => {
		const pause = timeSlices(5);
		let fired = false;
		setImmediate(() => (fired = true));
		await pause(); // no time has passed: no yield
		expect(fired).toBe(false);
		const until = performance.now() + 6;
		while (performance.now() < until); // busy, holding the loop
		await pause();
		expect(fired).toBe(true);
	});
});
