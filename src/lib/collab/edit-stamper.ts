/**
 * Records "this language of this text was edited" (markEdited) without a doc write per
 * keystroke: once when a burst of typing starts, and once more when it pauses, so the recorded
 * time is that of the last edit give or take the pause.
 */
export function editStamper(pauseMs = 2_000, burstMs = 10_000) {
	const bursts = new Map<string, { startedAt: number; timer: ReturnType<typeof setTimeout> }>();
	return (key: string, stamp: (at: number) => void) => {
		const now = Date.now();
		const burst = bursts.get(key);
		if (burst) clearTimeout(burst.timer);
		const startedAt = burst && now - burst.startedAt < burstMs ? burst.startedAt : now;
		if (startedAt === now) stamp(now);
		bursts.set(key, {
			startedAt,
			timer: setTimeout(() => {
				bursts.delete(key);
				stamp(Date.now());
			}, pauseMs)
		});
	};
}
