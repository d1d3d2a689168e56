/**
 * Renders reports on worker threads (see render-worker.ts), so a large PDF or XLSX export never
 * stalls the main event loop. Jobs go to the least busy worker; a worker that dies fails its
 * jobs and is replaced.
 *
 * A live report goes as its source rows (renderSource), not as a built report: the worker
 * assembles it. The two tables that grow large travel in pages with a pause between them,
 * because one structured clone of 10,000 milestones and 10,000 changes held the main thread for
 * 50–200 ms; a page of SOURCE_PAGE rows costs a few milliseconds.
 */
import { Worker } from 'node:worker_threads';
import type { ReportData, ReportFormat } from '../../src/lib/report/model';
import type { Locale } from '../../src/lib/roadmap/vocabulary';
import type { ReportSource } from '../../src/lib/server/reports/assemble';
import type { RenderedReport } from '../../src/lib/server/reports/render';

/** Rows of milestones or activity per message to the worker. */
export const SOURCE_PAGE = 1000;

/** One job's messages, in the order they are posted (a port keeps that order). */
export type RenderJob =
	| { id: number; kind: 'report'; report: ReportData; format: ReportFormat; locale: Locale }
	| {
			id: number;
			kind: 'rows';
			table: 'milestones' | 'activity';
			rows: ReportSource['milestones'] | ReportSource['activity'];
	  }
	/** The source without its paged tables, which came before in 'rows' messages. */
	| { id: number; kind: 'source'; source: ReportSource; format: ReportFormat; locale: Locale };

export type RenderAnswer =
	| { id: number; rendered: RenderedReport; error?: undefined }
	| { id: number; error: string; rendered?: undefined };

interface Slot {
	worker: Worker;
	pending: Map<number, { resolve: (r: RenderedReport) => void; reject: (e: Error) => void }>;
}

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ReportRenderPool {
	private readonly slots: Slot[] = [];
	private nextId = 1;
	private closed = false;

	constructor(
		private readonly entry: URL,
		size = 1,
		/** Rows per page of a live report's large tables (tests make it small). */
		private readonly sourcePage = SOURCE_PAGE
	) {
		for (let i = 0; i < size; i++) this.slots.push(this.spawn());
	}

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
		return this.job(async (post) => post({ kind: 'report', report, format, locale }));
	}

	/** A live report from its rows: the worker assembles it, then renders it. */
	renderSource(
		source: ReportSource,
		format: ReportFormat,
		locale: Locale
	): Promise<RenderedReport> {
		return this.job(async (post) => {
			for (const table of ['milestones', 'activity'] as const) {
				const rows = source[table];
				for (let start = 0; start < rows.length; start += this.sourcePage) {
					post({ kind: 'rows', table, rows: rows.slice(start, start + this.sourcePage) });
					await breathe();
				}
			}
			post({ kind: 'source', source: { ...source, milestones: [], activity: [] }, format, locale });
		});
	}

	private job(
		send: (post: (message: DistributiveOmit<RenderJob, 'id'>) => void) => Promise<void>
	): Promise<RenderedReport> {
		if (this.closed) return Promise.reject(new Error('The report renderer is closed'));
		const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			slot.pending.set(id, { resolve, reject });
			// A worker replaced while pages were on their way lost the first ones: its jobs are
			// failed by `fail`, and posting the rest to the dead worker does nothing.
			send((message) => slot.worker.postMessage({ ...message, id } as RenderJob)).catch(reject);
		});
	}

	async close(): Promise<void> {
		this.closed = true;
		await Promise.all(this.slots.map((s) => s.worker.terminate()));
	}
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
