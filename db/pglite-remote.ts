/**
 * The main thread's handle on a PGlite that runs on a worker thread (pglite-worker.ts). It offers
 * the part of PGlite's interface drizzle uses — `query`, `exec`, `transaction`, `close` — so
 * drizzle's PGlite driver runs on it unchanged.
 *
 * PGlite is one connection. A transaction is a BEGIN, the caller's queries, then COMMIT or
 * ROLLBACK; nothing else may run in between, or it would run inside that transaction. So a
 * transaction waits for the transactions before it, and a statement issued while one is open or
 * waiting is sent after it ends — what PGlite itself does in-process. Statements issued while no
 * transaction is open or waiting are sent at once, without waiting for each other's answers: the
 * worker runs its messages in the order they arrive, one at a time, so the order is kept anyway,
 * and the worker never idles through a round trip to a busy main thread. (Waiting for each answer
 * before sending the next, the worker sat idle half the time at 20 roadmaps × 50 peers while
 * commits queued for 60 ms.)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Results, Transaction } from '@electric-sql/pglite';
import { CREATE_FLAG, holdsDatabase } from './pglite-worker-protocol';
import type { SerializedError, WorkerInit, WorkerReply, WorkerRequest } from './pglite-worker';

type QueryOptions = {
	rowMode?: 'array' | 'object';
	/** Only drizzle's pass-through parsers are supported: those types arrive as Postgres' text. */
	parsers?: Record<number, unknown>;
};

/** What a transaction's callback receives: queries that run inside it. */
export interface RemoteTransaction {
	query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
	exec(sql: string): Promise<Results[]>;
	rollback(): Promise<void>;
	readonly closed: boolean;
}

type Pending = {
	resolve: (value: unknown) => void;
	reject: (error: Error) => void;
	/** Settles with the answer, whatever it is. */
	answered: Promise<void>;
};
type Request =
	| Omit<Extract<WorkerRequest, { op: 'query' }>, 'id'>
	| Omit<Extract<WorkerRequest, { op: 'exec' }>, 'id'>
	| Omit<Extract<WorkerRequest, { op: 'close' }>, 'id'>;

class RollbackSignal extends Error {}

function startWorker(entry: URL, init: WorkerInit): Worker {
	return new Worker(entry, { workerData: init });
}

/** Runs `node <entry> --create <dataDir>` and resolves once it has created the database. */
function createInProcess(entry: URL, dataDir: string): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		const child = spawn(process.execPath, [fileURLToPath(entry), CREATE_FLAG, dataDir], {
			stdio: ['ignore', 'ignore', 'pipe']
		});
		// It must not outlive this process (a stop's deadline, a crash): a creator left running
		// would go on writing into the folder the next start opens.
		const killChild = () => child.kill('SIGKILL');
		process.once('exit', killChild);
		let said = '';
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk: string) => {
			if (said.length < 4000) said += chunk;
		});
		child.once('error', reject);
		child.once('close', (code, signal) => {
			process.off('exit', killChild);
			if (code === 0) return resolve();
			const why = said.trim() || `it exited with ${signal ?? `code ${code}`}`;
			reject(new Error(`could not create the PGlite database in ${dataDir}: ${why}`));
		});
	});
}

/** Resolves once the worker has opened its database; rejects with why it could not. */
function ready(worker: Worker): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		const onMessage = (reply: WorkerReply) => {
			if (reply.id !== 0) return;
			worker.off('message', onMessage);
			worker.off('error', reject);
			if (reply.ok) resolve();
			else reject(toError(reply.error));
		};
		worker.on('message', onMessage);
		worker.once('error', reject);
	});
}

function toError(serialized: SerializedError): Error {
	const error = new Error(serialized.message);
	if (serialized.name) error.name = serialized.name;
	return Object.assign(error, serialized.fields);
}

export class PGliteOnWorker {
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;
	private nextTxn = 1;
	/** Transactions in turn (and what waits for them); always settles, never rejects. */
	private turn: Promise<unknown> = Promise.resolve();
	/** Transactions open or waiting: while any is, statements queue behind them. */
	private transactions = 0;
	private failure: Error | null = null;
	/** The close was sent: further statements are refused at once. */
	private closing = false;
	closed = false;

	private constructor(private readonly worker: Worker) {
		worker.on('message', (reply: WorkerReply) => this.settle(reply));
		worker.on('error', (error) => this.fail(error));
		worker.on('exit', (code) => {
			if (!this.closed) this.fail(new Error(`the database thread stopped (exit code ${code})`));
		});
	}

	/** Starts the worker and waits until PGlite has opened `dataDir` there. */
	static async create(dataDir: string, entry: URL): Promise<PGliteOnWorker> {
		// Creating a database (initdb) grows PGlite's WASM memory to ~700 MB, and WASM memory never
		// shrinks: a first start kept that for the process's life. On a worker thread that then
		// exits, the process still kept ~90 MB of it (the C heap's arenas do not shrink either:
		// bench/pglite-rss.mjs, 340 MB at rest after a first start against 229 after a restart).
		// So a fresh folder is created by a process of its own, and opened on the thread.
		if (!dataDir.startsWith('memory://') && !holdsDatabase(dataDir)) {
			await createInProcess(entry, dataDir);
		}
		const worker = startWorker(entry, { dataDir });
		await ready(worker);
		return new PGliteOnWorker(worker);
	}

	query<T>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
		return this.statement(queryRequest(sql, params, options)) as Promise<Results<T>>;
	}

	exec(sql: string): Promise<Results[]> {
		return this.statement({ op: 'exec', sql }) as Promise<Results[]>;
	}

	/** Sends a statement now, or, while a transaction is open or waiting, once those have ended. */
	private statement(request: Request): Promise<unknown> {
		if (this.transactions === 0) return this.send(request);
		let answer: Promise<unknown> = Promise.resolve();
		const sent = this.turn.then(() => {
			answer = this.send(request);
		});
		this.turn = sent;
		return sent.then(() => answer);
	}

	/**
	 * BEGIN, the callback's queries, COMMIT — or ROLLBACK when the callback throws. BEGIN is not
	 * waited for: the first query goes right behind it, and the thread runs it only once BEGIN
	 * has succeeded (pglite-worker.ts), so a transaction costs no round trip for its BEGIN.
	 */
	transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
		this.transactions++;
		const txn = this.nextTxn++;
		const done = this.exclusive(async () => {
			const begun = this.send({
				op: 'query',
				sql: 'BEGIN',
				params: [],
				rawTypes: [],
				txn,
				begins: true
			});
			// Its failure reaches the caller through the statements and the wait before COMMIT.
			begun.catch(() => {});
			let open = true;
			const inside = (request: Exclude<Request, { op: 'close' }>) => {
				if (!open) return Promise.reject(new Error('the transaction has ended'));
				return this.send({ ...request, txn });
			};
			const tx: RemoteTransaction = {
				query: <R>(sql: string, params: unknown[] = [], options?: QueryOptions) =>
					inside(queryRequest(sql, params, options)) as Promise<Results<R>>,
				exec: (sql: string) => inside({ op: 'exec', sql }) as Promise<Results[]>,
				rollback: async () => {
					throw new RollbackSignal('rolled back');
				},
				get closed() {
					return !open;
				}
			};
			try {
				const result = await callback(tx as unknown as Transaction);
				await begun;
				open = false;
				await this.send({ op: 'query', sql: 'COMMIT', params: [], rawTypes: [], txn, ends: true });
				return result;
			} catch (error) {
				open = false;
				await this.send({
					op: 'query',
					sql: 'ROLLBACK',
					params: [],
					rawTypes: [],
					txn,
					ends: true
				}).catch(() => {});
				if (error instanceof RollbackSignal) return undefined as T;
				throw error;
			}
		});
		return done.finally(() => this.transactions--);
	}

	/** Closes PGlite (flushing it to disk) and ends the thread. */
	async close(): Promise<void> {
		if (this.closed) return;
		try {
			// After every statement already sent has been answered: the thread then ends.
			await this.exclusive(async () => {
				await Promise.allSettled(this.inFlight());
				const closed = this.send({ op: 'close' });
				// Nothing may follow it: the thread ends once it has closed.
				this.closing = true;
				return closed;
			});
		} finally {
			this.closed = true;
			await this.worker.terminate().catch(() => {});
		}
	}

	/** Runs `work` when everything before it has finished, whatever became of it. */
	private exclusive<T>(work: () => Promise<T>): Promise<T> {
		const run = this.turn.then(work, work);
		this.turn = run.catch(() => {});
		return run;
	}

	/** Statements sent and not yet answered (tests read how many). */
	get sentAndWaiting(): number {
		return this.pending.size;
	}

	private inFlight(): Promise<unknown>[] {
		return [...this.pending.values()].map((p) => p.answered);
	}

	private send(request: Request): Promise<unknown> {
		if (this.failure) return Promise.reject(this.failure);
		if (this.closed || this.closing) return Promise.reject(new Error('the database is closed'));
		const id = this.nextId++;
		let settle!: () => void;
		const answered = new Promise<void>((resolve) => (settle = resolve));
		return new Promise((resolve, reject) => {
			this.pending.set(id, {
				resolve: (value) => (settle(), resolve(value)),
				reject: (error) => (settle(), reject(error)),
				answered
			});
			try {
				this.worker.postMessage({ ...request, id } as WorkerRequest);
			} catch (error) {
				// Not cloneable (a parameter of a type no thread can take): this statement only.
				this.settle({ id, ok: false, error: { message: (error as Error).message, fields: {} } });
			}
		});
	}

	private settle(reply: WorkerReply) {
		if (reply.id === 0) return;
		const pending = this.pending.get(reply.id);
		if (!pending) return;
		this.pending.delete(reply.id);
		if (reply.ok) pending.resolve(reply.result);
		else pending.reject(toError(reply.error));
	}

	private fail(error: Error) {
		this.failure ??= new Error(`database thread failed: ${error.message}`);
		for (const pending of this.pending.values()) pending.reject(this.failure);
		this.pending.clear();
	}
}

function queryRequest(
	sql: string,
	params: unknown[],
	options?: QueryOptions
): Extract<Request, { op: 'query' }> {
	return {
		op: 'query',
		sql,
		params,
		rowMode: options?.rowMode,
		rawTypes: Object.keys(options?.parsers ?? {}).map(Number)
	};
}
