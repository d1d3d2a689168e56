/**
 * When to say "Saving…". Most changes are confirmed within tens of milliseconds; announcing
 * each one makes the indicator flicker while someone types. So "Saving…" appears only once some
 * change has waited longer than `delayMs` for the server's `saved`, and then stays until
 * everything is confirmed, and at least `minVisibleMs`, so a slow save reads as a word rather
 * than a flash.
 *
 * It is told when the oldest unconfirmed change was made, not merely whether one exists: while
 * someone types there is nearly always a change in flight, yet none of them waits long.
 */
export interface SavingDelayOptions {
	delayMs: number;
	minVisibleMs: number;
}

export const SAVING_DELAY: SavingDelayOptions = { delayMs: 300, minVisibleMs: 500 };

export class SavingDelay {
	/** Whether "Saving…" should be on screen now. */
	showing = false;
	private shownAt = 0;
	private timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly onChange: (showing: boolean) => void,
		private readonly options: SavingDelayOptions = SAVING_DELAY
	) {}

	/**
	 * `oldestWaitingSince`: when the oldest change still waiting for its `saved` was made (ms
	 * since epoch), or null when everything is confirmed. Call it whenever that may change.
	 */
	update(oldestWaitingSince: number | null): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		if (oldestWaitingSince !== null) {
			if (this.showing) return; // up until everything is confirmed: no blinking in between
			const showIn = oldestWaitingSince + this.options.delayMs - Date.now();
			if (showIn <= 0) this.set(true);
			else this.timer = setTimeout(() => this.set(true), showIn);
			return;
		}
		if (!this.showing) return;
		const left = this.shownAt + this.options.minVisibleMs - Date.now();
		if (left > 0) this.timer = setTimeout(() => this.set(false), left);
		else this.set(false);
	}

	destroy(): void {
		clearTimeout(this.timer);
	}

	private set(showing: boolean) {
		this.timer = undefined;
		if (showing === this.showing) return;
		this.showing = showing;
		if (showing) this.shownAt = Date.now();
		this.onChange(showing);
	}
}
