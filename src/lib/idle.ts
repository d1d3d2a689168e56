/**
 * Runs `then` when the browser has nothing else to do, or after `timeoutMs` at the latest (also
 * where it cannot say: Safari has no requestIdleCallback).
 */
export function whenIdle(then: () => void, timeoutMs = 1_000): void {
	if (typeof requestIdleCallback === 'function') requestIdleCallback(then, { timeout: timeoutMs });
	else setTimeout(then, timeoutMs);
}
