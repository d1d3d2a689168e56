import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { ieumDevServer } from './server/vite-plugin.ts';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			emitTsDeclarations: true,
			// A chosen language (cookie) wins, then the browser's, then Korean.
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		}),
		sveltekit(),
		ieumDevServer()
	],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: [
						'src/**/*.spec.ts',
						'db/**/*.spec.ts',
						'server/**/*.spec.ts',
						'scripts/**/*.spec.ts'
					]
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					// The built app runs as Node loads it in production; left to Vite, its Svelte
					// plugin would recompile chunks named like `_layout.svelte.js-….js`.
					server: { deps: { external: [/\/build\//] } },
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
