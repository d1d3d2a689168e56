/** Lets the event loop run what is waiting (sockets' reads and writes, timers) before going on. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * How long background work (a projector pass) holds the event loop at most before it lets relays
 * and commits through: a few relays' worth (one to 50 peers is ~0.5 ms, bench/relay-send.mjs).
 */
export const BACKGROUND_SLICE_MS = 2;

/**
 * For a long piece of work done in steps: call the returned function between steps, and it
 * yields to the event loop once the work has held it for `sliceMs` since the last yield. A
 * projector pass over a second of two people's typing is ~50 rows applied with nothing else to
 * wait for; in one go, every relay of the process would wait behind it.
 */
export function timeSlices(sliceMs: number): () => Promise<void> {
	let since = performance.now();
	return async () => {
		if (performance.now() - since < sliceMs) return;
		await yieldToEventLoop();
		since = performance.now();
	};
}
