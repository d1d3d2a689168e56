/**
 * Paces the projector passes of every room of this process. A pass is off the critical path,
 * but it shares the database (and the CPU) with commits, which people wait for. With many rooms
 * busy at once, one pass per room per second was most of the database's work: on PGlite, one
 * connection on one thread, commits queued behind the passes (measured at 20 roadmaps × 50
 * peers: passes held the database 65–90 % of the time, and a commit waited ~100 ms at the
 * median).
 *
 * So a pass takes a slot, and after it the slot rests for `restFactor` times as long as the
 * pass took: passes take at most 1 / (1 + restFactor) of a slot's time, whatever the load, and
 * when the database is slow (passes take longer) they come less often. When few rooms are busy
 * the rest is short and a room's own delay (room.ts) decides. Readers that need the projection
 * do not wait for this: they call ensureProjected, which projects what is missing itself.
 */
export interface ProjectorPacerOptions {
	/** Passes running at once. */
	slots: number;
	/** How long a slot rests after a pass, as a multiple of the pass's duration. */
	restFactor: number;
	/**
	 * The longest rest, ms (default 2,000): a long pass (a room's first, reading its whole log
	 * after a restart) must not hold every other room's projection for three times as long.
	 */
	maxRestMs?: number;
	/** The clock and timer (tests pass their own). */
	now?: () => number;
	wait?: (ms: number) => Promise<void>;
}

export class ProjectorPacer {
	private free: number;
	private readonly queue: (() => void)[] = [];
	private hurried = false;
	private readonly now: () => number;
	private readonly wait: (ms: number) => Promise<void>;

	constructor(private readonly options: ProjectorPacerOptions) {
		this.free = options.slots;
		this.now = options.now ?? (() => performance.now());
		this.wait =
			options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.()));
	}

	/** Waits for a slot; call the returned function once the pass is over. */
	async acquire(): Promise<() => void> {
		if (this.free > 0) this.free--;
		else await new Promise<void>((resolve) => this.queue.push(resolve));
		const started = this.now();
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const rest = this.hurried
				? 0
				: Math.min(
						(this.now() - started) * this.options.restFactor,
						this.options.maxRestMs ?? 2_000
					);
			if (rest > 0) void this.wait(rest).then(() => this.handOn());
			else this.handOn();
		};
	}

	/** No more rests: the server is shutting down and waits for every room's last pass. */
	hurry(): void {
		this.hurried = true;
	}

	/** Passes waiting for a slot (tests read it). */
	get waiting(): number {
		return this.queue.length;
	}

	/** A rested slot goes straight to the next waiter, so the count of free slots stays right. */
	private handOn() {
		const next = this.queue.shift();
		if (next) next();
		else this.free++;
	}
}
