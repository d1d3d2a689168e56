import { describe, expect, it } from 'vitest';
import { ProjectorPacer } from './projector-pacer';

/** A clock moved by hand and timers that fire when it passes them. */
function manualTime() {
	let t = 0;
	const timers: { at: number; fire: () => void }[] = [];
	return {
		now: () => t,
		wait: (ms: number) => new Promise<void>((fire) => timers.push({ at: t + ms, fire })),
		async advance(ms: number) {
			t += ms;
			for (const timer of timers.filter((x) => x.at <= t)) {
				timers.splice(timers.indexOf(timer), 1);
				timer.fire();
			}
			for (let i = 0; i < 5; i++) await Promise.resolve();
		}
	};
}

describe('ProjectorPacer', () => {
	it('lets a pass start at once when a slot is free', async () => {
		const pacer = new ProjectorPacer({ slots: 2, restFactor: 3, ...manualTime() });
		const a = await pacer.acquire();
		const b = await pacer.acquire();
		expect(pacer.waiting).toBe(0);
		a();
		b();
	});

	it('rests a slot for restFactor times the pass before the next pass may start', async () => {
		const time = manualTime();
		const pacer = new ProjectorPacer({ slots: 1, restFactor: 3, ...time });
		const release = await pacer.acquire();
		await time.advance(40); // the pass took 40 ms
		let started = false;
		const next = pacer.acquire().then((r) => ((started = true), r));
		release();
		await time.advance(119);
		expect(started).toBe(false);
		await time.advance(1);
		expect(started).toBe(true);
		(await next)();
	});

	it('hands rested slots to waiting passes in order, one slot each', async () => {
		const time = manualTime();
		const pacer = new ProjectorPacer({ slots: 1, restFactor: 1, ...time });
		const first = await pacer.acquire();
		const order: string[] = [];
		const second = pacer.acquire().then((r) => (order.push('second'), r));
		const third = pacer.acquire().then((r) => (order.push('third'), r));
		await time.advance(10);
		first();
		await time.advance(10);
		expect(order).toEqual(['second']);
		(await second)();
		await time.advance(0);
		expect(order).toEqual(['second', 'third']);
		(await third)();
		expect(pacer.waiting).toBe(0);
	});

	it('rests no longer than maxRestMs, and not at all once hurried', async () => {
		const time = manualTime();
		const pacer = new ProjectorPacer({ slots: 1, restFactor: 3, maxRestMs: 500, ...time });
		const release = await pacer.acquire();
		await time.advance(3_000); // a long first pass
		let started = false;
		const next = pacer.acquire().then((r) => ((started = true), r));
		release();
		await time.advance(499);
		expect(started).toBe(false);
		await time.advance(1);
		expect(started).toBe(true);
		const again = await next;
		await time.advance(100);
		pacer.hurry();
		let third = false;
		void pacer.acquire().then(() => (third = true));
		again();
		await time.advance(0);
		expect(third).toBe(true);
	});

	it('ignores a second release of the same pass', async () => {
		const pacer = new ProjectorPacer({ slots: 1, restFactor: 0 });
		const release = await pacer.acquire();
		release();
		release();
		await pacer.acquire();
		let second = false;
		void pacer.acquire().then(() => (second = true));
		await Promise.resolve();
		expect(second).toBe(false);
	});
});
