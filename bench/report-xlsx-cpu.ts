// npx tsx bench/report-xlsx-cpu.ts — CPU time of one XLSX render of a 10,000-milestone,
// 10,000-change report, in-process (what the render worker spends per export). CPU time, not
// wall time: on the shared machine it moves far less with the load than bench:report's timings.
// The report is the golden one (tests/golden/report.ko.json) grown to bench size, with changes
// like bench:report's (a created milestone each, its whole payload as the value).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ReportData } from '../src/lib/report/model';
import { renderReportXlsx } from '../src/lib/server/reports/xlsx';

const report = JSON.parse(readFileSync('tests/golden/report.ko.json', 'utf8')) as ReportData;
const milestones: ReportData['milestones'] = [];
for (let i = 0; milestones.length < 10_000; i++)
	for (const m of report.milestones) milestones.push({ ...m, id: `${m.id}_${i}` });
const changes: ReportData['changes'] = [];
for (let i = 0; changes.length < 10_000; i++)
	changes.push({
		...report.changes[0],
		field: 'created',
		entityType: 'milestone',
		before: null,
		after: {
			taskId: report.tasks[0].id,
			titleKo: `과제 1 마일스톤 ${i}: 차세대 메모리 반도체 시제품 검증`,
			titleEn: `Task 1 milestone ${i}: next-generation memory prototype check`,
			status: 'planned',
			position: 100 + i,
			dueDate: '2026-03-01'
		}
	});
const big = { ...report, milestones, changes };

const cpu: number[] = [];
for (let run = 0; run < 5; run++) {
	const start = process.cpuUsage();
	await renderReportXlsx(big, 'ko');
	const used = process.cpuUsage(start);
	cpu.push(Math.round((used.user + used.system) / 1000));
}
console.log(`xlsx render, 10,000 milestones + 10,000 changes: CPU ms per run ${cpu.join(', ')}`);
console.log(`(first run includes warm-up; best ${Math.min(...cpu.slice(1))} ms)`);
console.log(`load: ${execFileSync('uptime').toString().trim()}`);
