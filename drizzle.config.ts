import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this: migrations are committed SQL, applied by db/migrate.ts
// at start-up on PGlite and Postgres alike.
export default defineConfig({
	dialect: 'postgresql',
	schema: './db/schema/index.ts',
	out: './db/migrations',
	casing: 'snake_case'
});
