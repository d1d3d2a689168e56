// Bundles server/index.ts into build/server.js next to SvelteKit's build/handler.js.
// Dependencies stay external (installed in node_modules); only our own code is bundled.
import { build } from 'esbuild';

await build({
	entryPoints: ['server/index.ts'],
	outfile: 'build/server.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
// Reports render on a worker thread (server/reports/render-pool.ts); its entry is a second file.
await build({
	entryPoints: ['server/reports/render-worker.ts'],
	outfile: 'build/report-worker.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
console.log('built build/server.js and build/report-worker.js');
