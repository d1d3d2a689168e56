/**
 * Merges large log states on a worker thread (state-worker.ts), one job at a time. Small ones are
 * merged inline, where a round trip to the worker would cost more than the work. The worker
 * starts with the first large job and ends after a while without one: it holds a doc of the
 * roadmap while it works, and an idle thread is memory no one uses.
 */
import { Worker } from 'node:worker_threads';
import {
	mergeInline,
	totalBytes,
	WORKER_MIN_BYTES,
	type StateMerger
} from '../../src/lib/server/roadmaps/merge-state';

/** The parts travel as one buffer, moved, not copied part by part. */
export interface MergeJob {
	id: number;
	bytes: Uint8Array;
	lengths: number[];
}

export type MergeAnswer =
	| { id: number; state: Uint8Array; error?: undefined }
	| { id: number; error: string; state?: undefined };

interface Pending {
	resolve: (state: Uint8Array) => void;
	reject: (error: Error) => void;
}

export class StateMergerWorker {
	private worker: Worker | null = null;
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;
	private idleTimer: NodeJS.Timeout | null = null;
	private closed = false;
	/** Jobs that went to the worker (tests and benches read it). */
	readonly stats = { jobs: 0 };

	constructor(
		private readonly entry: URL,
		private readonly options: { idleMs?: number; minBytes?: number } = {}
	) {}

	readonly merge: StateMerger = (parts) => {
		if (this.closed || totalBytes(parts) < (this.options.minBytes ?? WORKER_MIN_BYTES))
			return mergeInline(parts);
		return new Promise((resolve, reject) => {
			const id = this.nextId++;
			const job = pack(id, parts);
			this.pending.set(id, { resolve, reject });
			this.stats.jobs++;
			if (this.idleTimer) clearTimeout(this.idleTimer);
			this.idleTimer = null;
			this.started().postMessage(job, [job.bytes.buffer as ArrayBuffer]);
		});
	};

	async close(): Promise<void> {
		this.closed = true;
		if (this.idleTimer) clearTimeout(this.idleTimer);
		const worker = this.worker;
		this.worker = null;
		this.fail(new Error('the server is stopping'));
		await worker?.terminate();
	}

	private started(): Worker {
		if (this.worker) return this.worker;
		const worker = new Worker(this.entry);
		worker.on('message', (answer: MergeAnswer) => {
			const job = this.pending.get(answer.id);
			if (!job) return;
			this.pending.delete(answer.id);
			if (answer.state) job.resolve(answer.state);
			else job.reject(new Error(`merging the log failed: ${answer.error}`));
			if (!this.pending.size) this.idleLater(worker);
		});
		const gone = (error: Error) => {
			if (this.worker !== worker) return;
			this.worker = null;
			this.fail(error);
		};
		worker.on('error', gone);
		worker.on('exit', (code) => gone(new Error(`the merge worker exited with code ${code}`)));
		// A worker left idle must not keep the process alive.
		worker.unref();
		this.worker = worker;
		return worker;
	}

	private idleLater(worker: Worker) {
		this.idleTimer = setTimeout(() => {
			this.idleTimer = null;
			if (this.worker !== worker || this.pending.size) return;
			this.worker = null;
			void worker.terminate();
		}, this.options.idleMs ?? 30_000);
		this.idleTimer.unref();
	}

	private fail(error: Error) {
		for (const job of this.pending.values()) job.reject(error);
		this.pending.clear();
	}
}

function pack(id: number, parts: Uint8Array[]): MergeJob {
	const bytes = new Uint8Array(totalBytes(parts));
	let offset = 0;
	for (const part of parts) {
		bytes.set(part, offset);
		offset += part.length;
	}
	return { id, bytes, lengths: parts.map((p) => p.length) };
}
