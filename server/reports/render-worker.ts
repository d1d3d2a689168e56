/**
 * Worker thread that renders reports (build/report-worker.js). pdfkit and exceljs work in long
 * synchronous stretches; here they cannot hold up the event loop that serves pages and live
 * editing. A job is one message: a built report, or a live report's source, whose large tables
 * come as JSON text and are parsed here (source-pages.ts); the answer carries the job's id.
 */
import { parentPort } from 'node:worker_threads';
import { assembleReport } from '../../src/lib/server/reports/assemble';
import { renderReport } from '../../src/lib/server/reports/render';
import { parseSourcePages } from '../../src/lib/server/reports/source-pages';
import type { RenderJob, RenderAnswer } from './render-pool';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread only');

const encoder = new TextEncoder();

port.on('message', async (job: RenderJob) => {
	let answer: RenderAnswer;
	try {
		const report =
			job.kind === 'report' ? job.report : assembleReport(parseSourcePages(job.source));
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
