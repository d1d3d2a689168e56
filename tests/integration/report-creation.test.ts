import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTask, readRoadmap, setTaskField } from '../../src/lib/roadmap/doc';
import { describeChange } from '../../src/lib/report/text';
import { buildReport } from '../../src/lib/server/reports/build';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { createRoadmap } from '../../src/lib/server/roadmaps/manage';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { buildUser } from '../helpers/factories';

describe.each(databaseKinds())("a new roadmap's first report on %s", (kind) => {
	let handle: TestDatabase;
	beforeAll(async () => {
		handle = await createTestDatabase(kind);
	});
	afterAll(() => handle?.dispose());

	it("shows the template's tasks and milestones as one change, the roadmap's creation, and the first edits as their own", async () => {
		const db = handle.database.db;
		const user = await buildUser(db, { name: '김민지' });
		const roadmap = await createRoadmap(db, user.id, {
			title: 'AI 반도체 로드맵',
			titleEn: 'AI chip roadmap',
			template: 'five-tasks'
		});
		// The creator's first edit, right away: it is theirs, not the template's.
		await changeRoadmap(db, roadmap.id, user.id, (doc) => {
			const first = readRoadmap(doc).tasks[0];
			setTaskField(doc, first.id, 'status', 'in_progress');
		});

		const report = await buildReport(db, roadmap.id);
		const sentences = (locale: 'ko' | 'en') =>
			report.changes.map((c) => describeChange(c, locale, { day: false }));
		expect(sentences('en')).toEqual([
			"김민지 created the roadmap 'AI chip roadmap' from the template 'Korean AI strategy: five core tasks' (5 tasks, 20 milestones)",
			expect.stringMatching(/^김민지 changed the status of '.+' from planned to in progress$/)
		]);
		expect(sentences('ko')[0]).toBe(
			"김민지님이 '한국형 AI 전략 5대 과제' 템플릿으로 로드맵 'AI 반도체 로드맵'을 만들었습니다 (과제 5개, 이정표 20개)"
		);
		expect(report.changes[0]).toMatchObject({ entityType: 'roadmap', taskId: null });
	});

	it('leaves a blank roadmap\'s first tasks as "added"', async () => {
		const db = handle.database.db;
		const user = await buildUser(db, { name: 'Lee' });
		const roadmap = await createRoadmap(db, user.id, { title: 'Blank', template: 'blank' });
		await changeRoadmap(db, roadmap.id, user.id, (doc) => {
			addTask(doc, { title: { ko: '첫 과제', en: 'First task' }, position: 1 });
		});
		const report = await buildReport(db, roadmap.id);
		expect(report.changes.map((c) => describeChange(c, 'en', { day: false }))).toEqual([
			"Lee added the task 'First task'"
		]);
	});
});
