/**
 * The production server renders reports on a worker thread (build/report-worker.js): the bytes
 * must be the ones the in-process renderer makes, and a failing job must not take the pool down.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/lib/report/model';
import type { ReportSourcePages } from '../../src/lib/server/reports/source-pages';
import { buildReport, readReportPages } from '../../src/lib/server/reports/build';
import { renderReport } from '../../src/lib/server/reports/render';
import { ReportRenderPool } from '../../server/reports/render-pool';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { buildReportRoadmap, IDS, REPORT_NOW, REPORT_SINCE } from '../helpers/report-roadmap';
import { assertBuilt } from '../helpers/server-process';

describe('report worker pool', () => {
	let handle: TestDatabase;
	let pool: ReportRenderPool;
	let report: ReportData;
	beforeAll(async () => {
		assertBuilt();
		handle = await createTestDatabase('pglite');
		await buildReportRoadmap(handle.database.db);
		report = await buildReport(handle.database.db, IDS.roadmap, {
			since: REPORT_SINCE,
			now: REPORT_NOW
		});
		pool = new ReportRenderPool(pathToFileURL(resolve('build/report-worker.js')));
	});
	afterAll(async () => {
		await pool?.close();
		await handle?.dispose();
	});

	it('renders what the in-process renderer renders, in every text format and a PDF', async () => {
		for (const format of ['csv', 'md', 'json'] as const) {
			const [there, here] = await Promise.all([
				pool.render(report, format, 'ko'),
				renderReport(report, format, 'ko')
			]);
			expect(text(there.body)).toBe(here.body);
			expect(there.disposition).toBe(here.disposition);
		}
		const pdf = await pool.render(report, 'pdf', 'en');
		expect(
			Buffer.from(pdf.body as Uint8Array)
				.subarray(0, 5)
				.toString()
		).toBe('%PDF-');
		const xlsx = await pool.render(report, 'xlsx', 'en');
		expect(
			Buffer.from(xlsx.body as Uint8Array)
				.subarray(0, 2)
				.toString()
		).toBe('PK');
	});

	it('a job that fails is rejected, and the next one still works', async () => {
		const broken = { ...report, tasks: null } as unknown as ReportData;
		await expect(pool.render(broken, 'md', 'en')).rejects.toThrow(/Report rendering failed/);
		expect(text((await pool.render(report, 'csv', 'en')).body)).toContain('Task');
	});

	it('assembles a live report from rows read in pages into what buildReport makes', async () => {
		// Pages of 3 rows: both large tables cross several pages.
		const source = await readReportPages(handle.database.db, IDS.roadmap, {
			since: REPORT_SINCE,
			now: REPORT_NOW,
			pageRows: 3
		});
		expect(source.milestonePages.length).toBeGreaterThan(2);
		expect(source.activityPages.length).toBeGreaterThan(2);
		const paged = new ReportRenderPool(pathToFileURL(resolve('build/report-worker.js')), 1);
		try {
			// Two exports at once on one worker: each gets its own rows back, none of the other's.
			const jobs = (['csv', 'md', 'json'] as const).flatMap((format) =>
				(['ko', 'en'] as const).map((locale) => ({ format, locale }))
			);
			const rendered = await Promise.all(
				jobs.map(({ format, locale }) => paged.renderSource(source, format, locale))
			);
			for (const [i, { format, locale }] of jobs.entries()) {
				const here = await renderReport(report, format, locale);
				expect(text(rendered[i].body), `${format} ${locale}`).toBe(here.body);
				expect(rendered[i].disposition).toBe(here.disposition);
			}
			const broken = { ...source, tasks: null } as unknown as ReportSourcePages;
			await expect(paged.renderSource(broken, 'md', 'en')).rejects.toThrow(
				/Report rendering failed/
			);
			expect(text((await paged.renderSource(source, 'md', 'en')).body)).toBe(
				(await renderReport(report, 'md', 'en')).body
			);
		} finally {
			await paged.close();
		}
	});
});

const text = (body: Uint8Array | string) =>
	typeof body === 'string' ? body : new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
