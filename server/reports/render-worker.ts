/**
 * Worker thread that renders reports (build/report-worker.js). pdfkit and exceljs work in long
 * synchronous stretches; here they cannot hold up the event loop that serves pages and live
 * editing. A job is one message (a built report) or several (a live report's rows in pages, then
 * the rest of its source); the answer carries the job's id.
 */
import { parentPort } from 'node:worker_threads';
import { assembleReport, type ReportSource } from '../../src/lib/server/reports/assemble';
import { renderReport } from '../../src/lib/server/reports/render';
import type { RenderJob, RenderAnswer } from './render-pool';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread only');

const encoder = new TextEncoder();

/** Pages of each live job received so far, by job id. */
const arriving = new Map<number, { milestones: unknown[][]; activity: unknown[][] }>();

port.on('message', async (job: RenderJob) => {
	if (job.kind === 'rows') {
		const pages = arriving.get(job.id) ?? { milestones: [], activity: [] };
		pages[job.table].push(job.rows);
		arriving.set(job.id, pages);
		return;
	}
	let answer: RenderAnswer;
	try {
		const report =
			job.kind === 'report' ? job.report : assembleReport(withPages(job.id, job.source));
		const rendered = await renderReport(report, job.format, job.locale);
		// Text is encoded here: UTF-8 of an 11 MB JSON report took the main thread ~50 ms.
		if (typeof rendered.body === 'string') rendered.body = encoder.encode(rendered.body);
		answer = { id: job.id, rendered };
	} catch (error) {
		answer = { id: job.id, error: error instanceof Error ? error.message : String(error) };
	}
	port.postMessage(answer, movable(answer.rendered?.body));
});

/**
 * The bytes move to the main thread instead of being copied, when they own their whole buffer:
 * a small Buffer is a view into a shared pool that must stay here.
 */
function movable(body: unknown): ArrayBuffer[] {
	return body instanceof Uint8Array &&
		body.buffer instanceof ArrayBuffer &&
		body.byteOffset === 0 &&
		body.byteLength === body.buffer.byteLength
		? [body.buffer]
		: [];
}

function withPages(id: number, source: ReportSource): ReportSource {
	const pages = arriving.get(id);
	arriving.delete(id);
	return {
		...source,
		milestones: (pages?.milestones.flat() ?? []) as ReportSource['milestones'],
		activity: (pages?.activity.flat() ?? []) as ReportSource['activity']
	};
}
