/**
 * Renders reports on worker threads (see render-worker.ts), so a large PDF or XLSX export never
 * stalls the main event loop. Jobs go to the least busy worker; a worker that dies fails its
 * jobs and is replaced.
 *
 * A live report goes as its source (renderSource), not as a built report: the worker parses and
 * assembles it. The two tables that grow large are JSON text (source-pages.ts), so one message
 * carries them: cloning a string copies its characters, where one structured clone of 10,000
 * milestones and 10,000 changes as objects held the main thread for 50–200 ms.
 */
import { Worker } from 'node:worker_threads';
import type { ReportData, ReportFormat } from '../../src/lib/report/model';
import type { Locale } from '../../src/lib/roadmap/vocabulary';
import type { RenderedReport } from '../../src/lib/server/reports/render';
import type { ReportSourcePages } from '../../src/lib/server/reports/source-pages';

/** One job: a built report, or a live report's source. */
export type RenderJob =
	| { id: number; kind: 'report'; report: ReportData; format: ReportFormat; locale: Locale }
	| {
			id: number;
			kind: 'source';
			source: ReportSourcePages;
			format: ReportFormat;
			locale: Locale;
	  };

export type RenderAnswer =
	| { id: number; rendered: RenderedReport; error?: undefined }
	| { id: number; error: string; rendered?: undefined };

interface Slot {
	worker: Worker;
	pending: Map<number, { resolve: (r: RenderedReport) => void; reject: (e: Error) => void }>;
}

export class ReportRenderPool {
	private readonly slots: Slot[] = [];
	private nextId = 1;
	private closed = false;

	/**
	 * Workers start with the first jobs, not with the server: an idle one holds ~60 MB (its own
	 * heap and the renderers' modules), a third of a server that never exports.
	 */
	constructor(
		private readonly entry: URL,
		private readonly size = 1
	) {}

	private spawn(): Slot {
		const slot: Slot = { worker: new Worker(this.entry), pending: new Map() };
		slot.worker.on('message', (answer: RenderAnswer) => {
			const job = slot.pending.get(answer.id);
			if (!job) return;
			slot.pending.delete(answer.id);
			if (answer.rendered) job.resolve(answer.rendered);
			else job.reject(new Error(`Report rendering failed: ${answer.error}`));
		});
		const fail = (error: Error) => {
			for (const job of slot.pending.values()) job.reject(error);
			slot.pending.clear();
			const index = this.slots.indexOf(slot);
			if (index >= 0 && !this.closed) this.slots[index] = this.spawn();
		};
		slot.worker.on('error', fail);
		slot.worker.on('exit', (code) => {
			if (!this.closed) fail(new Error(`Report worker exited with code ${code}`));
		});
		// An idle pool must not keep the process alive.
		slot.worker.unref();
		return slot;
	}

	/** A report already built (a saved one): it travels whole. */
	render(report: ReportData, format: ReportFormat, locale: Locale): Promise<RenderedReport> {
		return this.job({ kind: 'report', report, format, locale });
	}

	/** A live report from its source: the worker parses and assembles it, then renders it. */
	renderSource(
		source: ReportSourcePages,
		format: ReportFormat,
		locale: Locale
	): Promise<RenderedReport> {
		return this.job({ kind: 'source', source, format, locale });
	}

	private job(message: DistributiveOmit<RenderJob, 'id'>): Promise<RenderedReport> {
		if (this.closed) return Promise.reject(new Error('The report renderer is closed'));
		const slot =
			this.slots.length < this.size
				? this.slots[this.slots.push(this.spawn()) - 1]
				: this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			slot.pending.set(id, { resolve, reject });
			try {
				slot.worker.postMessage({ ...message, id } as RenderJob);
			} catch (error) {
				// Something in the job that cannot be cloned: this job fails, the worker goes on.
				slot.pending.delete(id);
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		});
	}

	async close(): Promise<void> {
		this.closed = true;
		await Promise.all(this.slots.map((s) => s.worker.terminate()));
	}
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
