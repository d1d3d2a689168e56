import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../../tests/helpers/report-fixture';
import ReportView from './ReportView.svelte';

describe('the report page’s milestone tables', () => {
	it('show an at-risk milestone’s description under its title, and none in other sections', () => {
		const report = reportFixture();
		const why = 'Delayed by procurement; recovery plan agreed with KISTEP on 2026-09-20.';
		const described = {
			...report,
			milestones: report.milestones.map((m) =>
				m.id === 'm-4' ? { ...m, description: { ko: '', en: why } } : m
			)
		};
		const { body } = render(ReportView, { props: { report: described, locale: 'ko' } });
		const section = (id: string) =>
			body.slice(body.indexOf(`id="milestones-${id}"`)).split('</section>')[0];
		// m-4 is both due soon and at risk: described only where the late and troubled are.
		expect(section('risk')).toContain(`<p class="description`);
		expect(section('risk')).toContain(why);
		expect(section('due')).toContain('韓國');
		expect(section('due')).not.toContain(why);
	});
});
