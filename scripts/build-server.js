// Bundles server/index.ts into build/server.js next to SvelteKit's build/handler.js.
// Dependencies stay external (installed in node_modules); only our own code is bundled.
import { build } from 'esbuild';

const entries = {
	'build/server.js': 'server/index.ts',
	// Reports render on a worker thread (server/reports/render-pool.ts).
	'build/report-worker.js': 'server/reports/render-worker.ts',
	// PGlite runs on its own thread in production (db/pglite-remote.ts).
	'build/pglite-worker.js': 'db/pglite-worker.ts',
	// Large roadmaps' logs are merged on their own thread (server/collab/state-merger.ts).
	'build/state-worker.js': 'server/collab/state-worker.ts'
};

for (const [outfile, entry] of Object.entries(entries)) {
	await build({
		entryPoints: [entry],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		sourcemap: true,
		logLevel: 'warning'
	});
}
console.log(`built ${Object.keys(entries).join(', ')}`);
