import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		// Runes everywhere in our code; libraries decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter({ out: 'build' }),
		alias: { $db: 'db' },
		typescript: {
			// Type-check the Node entry, the database layer, benches and scripts with the app.
			config: (tsconfig) => {
				tsconfig.include.push(
					'../server/**/*.ts',
					'../db/**/*.ts',
					'../bench/**/*.ts',
					'../scripts/**/*.js',
					'../scripts/**/*.ts',
					'../drizzle.config.ts',
					'../playwright.config.ts'
				);
			}
		}
	}
};

export default config;
