/**
 * PGlite on its own thread. PGlite is Postgres compiled to WASM: every query runs, and every
 * result is parsed, on the thread that owns it. On the server's main thread that time is taken
 * from the websockets (measured: at 20 roadmaps × 50 peers the main thread spent most of its
 * time in PGlite, and relay latency was 13× the in-memory reference's). Here it runs beside
 * them; the main thread only posts queries and receives rows (see pglite-remote.ts).
 *
 * Messages in: { id, op: 'query', sql, params, rowMode, rawTypes, txn? } | { id, op: 'exec', sql,
 * txn? } | { id, op: 'close' }. Out: { id, ok: true, result } | { id, ok: false, error }.
 * A transaction's BEGIN and statements are sent without waiting for each other (see `txn`).
 *
 * Run as a process of its own (`node pglite-worker.js --create <folder>`), it creates a database
 * in <folder> and exits: creating one grows memory that a process never gives back.
 */
import { existsSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pgliteOptions } from './pglite-options';
import { CREATE_FLAG, CREATING_MARKER, isForeignButHarmless } from './pglite-worker-protocol';

export interface WorkerInit {
	dataDir: string;
}

/**
 * Marks a statement of a transaction. The transaction's BEGIN carries `begins`; its statements
 * are sent right behind it, without waiting for its answer, and run only if it succeeded (else
 * they fail, and never run outside the transaction). The last one (COMMIT or ROLLBACK) carries
 * `ends`.
 */
export interface TxnTag {
	txn?: number;
	begins?: boolean;
	ends?: boolean;
}

export type WorkerRequest =
	| ({
			id: number;
			op: 'query';
			sql: string;
			params: unknown[];
			rowMode?: 'array' | 'object';
			/** Type OIDs whose values the caller wants as the text Postgres sent (drizzle's dates). */
			rawTypes: number[];
	  } & TxnTag)
	| ({ id: number; op: 'exec'; sql: string } & TxnTag)
	| { id: number; op: 'close' };

export type WorkerReply =
	| { id: number; ok: true; result: unknown }
	/** id 0 answers the start: ready, or why PGlite could not open. */
	| { id: number; ok: false; error: SerializedError };

export interface SerializedError {
	message: string;
	name?: string;
	/** Postgres' fields (code, detail, constraint, …), copied so callers can branch on them. */
	fields: Record<string, unknown>;
}

/** `node pglite-worker.js --create <folder>`: creates the database in <folder>, then exits. */
async function createAndExit(argv: string[]): Promise<never> {
	const folder = argv[2] === CREATE_FLAG ? argv[3] : undefined;
	if (!folder) {
		console.error(
			`pglite-worker runs on a worker thread, or as: pglite-worker ${CREATE_FLAG} <folder>`
		);
		process.exit(2);
	}
	// The server waits for its start-up to finish before it stops (server/index.ts), and so does
	// this: a signal to the terminal's process group must not cut the creation short.
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
	try {
		const marker = join(folder, CREATING_MARKER);
		const entries = readdirSync(folder).filter((name) => !isForeignButHarmless(name));
		if (existsSync(marker)) {
			// A creation cut short: what it left is ours, and incomplete.
			for (const name of entries) rmSync(join(folder, name), { recursive: true, force: true });
		} else if (entries.length) {
			throw new Error(
				`the folder holds files but no database (${entries.slice(0, 3).join(', ')}` +
					`${entries.length > 3 ? ', …' : ''}): point DATA_DIR at an empty folder, or at Ieum's data`
			);
		}
		writeFileSync(
			marker,
			'a database is being created here; if no Ieum is starting, delete this folder\n'
		);
		const created = await PGlite.create(folder, pgliteOptions);
		await created.close();
		unlinkSync(marker);
	} catch (error) {
		console.error(describe(error));
		process.exit(1);
	}
	process.exit(0);
}

/** Errors of PGlite's file system are Emscripten's: a number with no message. */
const FILE_ERRORS: Record<number, string> = {
	2: 'permission denied',
	20: 'a file is in the way',
	31: 'a folder is in the way',
	44: 'no such file or folder',
	51: 'no space left on the device',
	54: 'something in the way is not a folder',
	69: 'the file system is read-only'
};

function describe(error: unknown): string {
	if (error instanceof Error) return error.message;
	const errno = (error as { errno?: unknown } | null)?.errno;
	if (typeof errno === 'number') {
		return `file system error ${errno}${FILE_ERRORS[errno] ? `: ${FILE_ERRORS[errno]}` : ''}`;
	}
	return String(error);
}

function serializeError(error: unknown): SerializedError {
	if (!(error instanceof Error)) return { message: describe(error), fields: {} };
	const fields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(error)) {
		if (value === undefined || typeof value === 'function') continue;
		if (typeof value === 'object' && value !== null) continue; // keep it cloneable and small
		fields[key] = value;
	}
	return { message: error.message, name: error.name, fields };
}

const port = parentPort;
if (!port) {
	await createAndExit(process.argv);
	throw new Error('unreachable');
}
const { dataDir } = workerData as WorkerInit;

const identity = (value: unknown) => value;
const rawParsers = new Map<string, Record<number, (value: string) => unknown>>();
function parsersFor(rawTypes: number[]) {
	const key = rawTypes.join(',');
	let parsers = rawParsers.get(key);
	if (!parsers) {
		parsers = Object.fromEntries(rawTypes.map((oid) => [oid, identity]));
		rawParsers.set(key, parsers);
	}
	return parsers;
}

let db: PGlite;
try {
	db = await PGlite.create(dataDir, pgliteOptions);
	port.postMessage({ id: 0, ok: true, result: 'ready' } satisfies WorkerReply);
} catch (error) {
	port.postMessage({ id: 0, ok: false, error: serializeError(error) } satisfies WorkerReply);
	process.exit(1);
}

/** The BEGIN of each open transaction, which its statements wait for. */
const begun = new Map<number, Promise<unknown>>();

/**
 * Runs a request in arrival order. PGlite queues queries in the order they are made; a
 * statement of a transaction is made once its BEGIN has succeeded (nothing else arrives while
 * a transaction is open: pglite-remote.ts holds other statements back), so order is kept.
 */
function run(request: WorkerRequest): Promise<unknown> {
	if (request.op === 'close' || request.txn === undefined) return handle(request);
	if (request.begins) {
		const beginning = handle(request);
		begun.set(request.txn, beginning);
		return beginning;
	}
	const beginning = begun.get(request.txn) ?? Promise.resolve();
	if (request.ends) begun.delete(request.txn);
	return beginning.then(
		() => handle(request),
		(error: unknown) => {
			const why = error instanceof Error ? error.message : String(error);
			throw new Error(`the transaction could not begin: ${why}`);
		}
	);
}

port.on('message', (request: WorkerRequest) => {
	void run(request).then(
		(result) => port.postMessage({ id: request.id, ok: true, result } satisfies WorkerReply),
		(error: unknown) =>
			port.postMessage({
				id: request.id,
				ok: false,
				error: serializeError(error)
			} satisfies WorkerReply)
	);
});

async function handle(request: WorkerRequest): Promise<unknown> {
	switch (request.op) {
		case 'query':
			return db.query(request.sql, request.params, {
				rowMode: request.rowMode,
				parsers: parsersFor(request.rawTypes)
			});
		case 'exec':
			return db.exec(request.sql);
		case 'close':
			await db.close();
			setImmediate(() => process.exit(0));
			return 'closed';
	}
}
