/**
 * Renders reports on worker threads (see render-worker.ts), so a large PDF or XLSX export never
 * stalls the main event loop. Jobs go to the least busy worker; a worker that dies fails its
 * jobs and is replaced.
 */
import { Worker } from 'node:worker_threads';
import type { ReportData, ReportFormat } from '../../src/lib/report/model';
import type { Locale } from '../../src/lib/roadmap/vocabulary';
import type { RenderedReport } from '../../src/lib/server/reports/render';

export interface RenderJob {
	id: number;
	report: ReportData;
	format: ReportFormat;
	locale: Locale;
}

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

	constructor(
		private readonly entry: URL,
		size = 1
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

	render(report: ReportData, format: ReportFormat, locale: Locale): Promise<RenderedReport> {
		if (this.closed) return Promise.reject(new Error('The report renderer is closed'));
		const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			slot.pending.set(id, { resolve, reject });
			slot.worker.postMessage({ id, report, format, locale } satisfies RenderJob);
		});
	}

	async close(): Promise<void> {
		this.closed = true;
		await Promise.all(this.slots.map((s) => s.worker.terminate()));
	}
}
