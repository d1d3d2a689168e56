/**
 * Worker thread that renders reports (build/report-worker.js). pdfkit and exceljs work in long
 * synchronous stretches; here they cannot hold up the event loop that serves pages and live
 * editing. Each message is one job; the answer carries the same id.
 */
import { parentPort } from 'node:worker_threads';
import { renderReport } from '../../src/lib/server/reports/render';
import type { RenderJob, RenderAnswer } from './render-pool';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread only');

port.on('message', async (job: RenderJob) => {
	let answer: RenderAnswer;
	try {
		answer = { id: job.id, rendered: await renderReport(job.report, job.format, job.locale) };
	} catch (error) {
		answer = { id: job.id, error: error instanceof Error ? error.message : String(error) };
	}
	port.postMessage(answer);
});
