// Preloaded into the server under test by bench/report.mjs (node --import): every 50 ms the
// main thread writes the longest event-loop delay it saw, as `[event-loop] <epoch ms> <max ms>`
// on stderr. perf_hooks measures from inside the process, so neither the bench client's own
// scheduling nor the network adds to the number. Worker threads (the report renderer) are left
// out on purpose: blocking there is what they are for.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
	const histogram = monitorEventLoopDelay({ resolution: 5 });
	histogram.enable();
	setInterval(() => {
		process.stderr.write(`[event-loop] ${Date.now()} ${(histogram.max / 1e6).toFixed(1)}\n`);
		histogram.reset();
	}, 50).unref();
}
