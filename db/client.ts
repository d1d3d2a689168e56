/**
 * Opens the database: Postgres through `pg` when a connection string is given, otherwise an
 * embedded PGlite in a data directory. Both are handed out as one drizzle type, so no caller
 * needs to know which one it got.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { pgliteOptions } from './pglite-options';
import { PGliteOnWorker } from './pglite-remote';
import * as schema from './schema';

export type Schema = typeof schema;
/** Typed with node-postgres' result shape; PGlite's results have the same `rows`. */
export type Db = PgDatabase<NodePgQueryResultHKT, Schema>;
/** A transaction handle; every writer takes `Db | Tx` so it can join an outer transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
	db: Db;
	kind: DatabaseKind;
	/** The driver underneath, for the few jobs that need one dedicated connection (locks). */
	driver: { kind: 'postgres'; pool: pg.Pool } | { kind: 'pglite'; client: PGlite | PGliteOnWorker };
	/** Where the data lives, for logs: the PGlite folder, or the Postgres URL without its password. */
	location: string;
	close(): Promise<void>;
}

export interface DatabaseOptions {
	/** Postgres connection string; when absent, PGlite is used. */
	url?: string;
	/** PGlite data directory; `memory://` keeps everything in memory (tests). */
	dataDir?: string;
	/** Postgres pool size. */
	poolSize?: number;
	/**
	 * The bundled PGlite worker (build/pglite-worker.js): PGlite then runs on its own thread, off
	 * the event loop that serves websockets. Without it PGlite runs in-process (tests, dev).
	 */
	pgliteWorker?: URL;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
	if (options.url) {
		// 20: every roadmap being typed in has a commit in flight at once, and a commit waiting for
		// a connection is a keystroke shown late to everyone (with 10, four in five commits waited
		// at 20 roadmaps × 50 clients); projector passes take at most 2 of them (PACING in
		// server/collab/server.ts).
		const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 20 });
		// An idle client that loses its connection (database restart) must not crash the process.
		pool.on('error', (error) => console.error('[db] idle Postgres client error:', error.message));
		const db = drizzlePg(pool, { schema }) as unknown as Db;
		return {
			db,
			kind: 'postgres',
			driver: { kind: 'postgres', pool },
			location: redactUrl(options.url),
			close: () => pool.end()
		};
	}
	const dataDir = options.dataDir ?? './data';
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const client = options.pgliteWorker
		? await PGliteOnWorker.create(dataDir, options.pgliteWorker)
		: await PGlite.create(dataDir, pgliteOptions);
	// The worker's handle offers the part of PGlite's interface drizzle calls.
	const db = drizzlePglite(client as PGlite, { schema }) as unknown as Db;
	return {
		db,
		kind: 'pglite',
		driver: { kind: 'pglite', client },
		location: dataDir,
		close: () => client.close()
	};
}

export function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return '(unparseable DATABASE_URL)';
	}
}
