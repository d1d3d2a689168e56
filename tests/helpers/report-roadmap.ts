/**
 * A roadmap written to a real database through the real write path (changeRoadmap → projection
 * → activity), with fixed ids, fixed people and fixed activity times, so a report built from it
 * at REPORT_NOW is the same on every run: the source of the golden files. It carries the hostile
 * cases too: formula-looking titles, HTML/script in titles, Hanja, and NFD Hangul.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
	activity,
	organizationMembers,
	organizations,
	roadmapMembers,
	roadmaps,
	users
} from '../../db/schema';
import {
	addMilestone,
	addTask,
	assignOwner,
	milestoneTitleText,
	setMilestoneField,
	setTaskField,
	taskTitleText
} from '../../src/lib/roadmap/doc';
import { fiveTasks } from '../../src/lib/roadmap/templates/five-tasks';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';

/** "Now" for every report built from this roadmap: 2026-03-15 12:00 in Seoul. */
export const REPORT_NOW = new Date('2026-03-15T03:00:00.000Z');
export const REPORT_SINCE = '2026-02-01';

export const IDS = {
	roadmap: '0b5e0000-0000-4000-8000-000000000001',
	msit: '0b5e0000-0000-4000-8000-0000000000a1',
	chips: '0b5e0000-0000-4000-8000-0000000000a2',
	kaist: '0b5e0000-0000-4000-8000-0000000000a3',
	kim: '0b5e0000-0000-4000-8000-0000000000b1',
	lee: '0b5e0000-0000-4000-8000-0000000000b2'
} as const;

export const HOSTILE = {
	formula: '=HYPERLINK("http://evil.example","click")',
	plus: '+82 10 1234',
	minus: '-1 budget cut',
	at: '@SUM(A1:A9)',
	tab: '\tindented',
	cr: '\rreturned',
	html: '<script>alert("x")</script><b>bold</b> & more',
	hanja: '韓國 AI 전략 점검'
};

/**
 * Creates the roadmap. Pass `roadmapId` to make a second copy in the same database (its other
 * ids are then random, so it is not for golden files).
 */
export async function buildReportRoadmap(
	db: Db,
	options: { roadmapId?: string; ownerId?: string } = {}
): Promise<{ roadmapId: string; taskIds: string[]; milestoneIds: string[] }> {
	const roadmapId = options.roadmapId ?? IDS.roadmap;
	const golden = roadmapId === IDS.roadmap;
	await db
		.insert(organizations)
		.values([
			{
				id: IDS.msit,
				name: '과학기술정보통신부',
				nameEn: 'Ministry of Science and ICT',
				sector: 'government'
			},
			{
				id: IDS.chips,
				name: '메모리 반도체 기업',
				nameEn: 'Memory chip maker',
				sector: 'industry'
			},
			{ id: IDS.kaist, name: '한국과학기술원', nameEn: 'KAIST', sector: 'academia' }
		])
		.onConflictDoNothing();
	await db
		.insert(users)
		.values([
			{ id: IDS.kim, email: 'kim@report.example', name: '김민지', passwordHash: 'x' },
			{ id: IDS.lee, email: 'lee@report.example', name: 'Lee Jun', passwordHash: 'x' }
		])
		.onConflictDoNothing();
	await db
		.insert(organizationMembers)
		.values([
			{ organizationId: IDS.msit, userId: IDS.kim },
			{ organizationId: IDS.chips, userId: IDS.lee }
		])
		.onConflictDoNothing();
	await db.insert(roadmaps).values({
		id: roadmapId,
		title: `${HOSTILE.hanja} ${HOSTILE.html}`,
		titleEn: 'Korea (韓國) AI strategy review <img src=x onerror=alert(1)>',
		template: 'five-tasks',
		createdBy: options.ownerId ?? IDS.kim,
		// Made when its template's rows are dated (below): a period starts no earlier.
		...(golden && { createdAt: new Date('2025-12-01T00:00:00Z') })
	});
	if (options.ownerId)
		await db.insert(roadmapMembers).values({ roadmapId, userId: options.ownerId, role: 'owner' });

	const suffix = golden ? '' : `_${roadmapId.slice(-6)}`;
	const taskIds = fiveTasks.tasks.map((_, i) => `task_${i + 1}${suffix}`);
	const milestoneIds: string[] = [];
	const dues = ['2026-01-20', '2026-03-01', '2026-03-20', '2026-05-30', '2026-09-30'];
	const hostileTitles = [
		HOSTILE.formula,
		HOSTILE.plus,
		HOSTILE.minus,
		HOSTILE.at,
		HOSTILE.tab,
		HOSTILE.cr
	];

	// Created by the system (the template), long before the period.
	await changeRoadmap(db, roadmapId, null, (doc) => {
		fiveTasks.tasks.forEach((task, i) => {
			addTask(
				doc,
				{
					title: task.title,
					summary: task.summary,
					position: i + 1,
					suggestedSectors: task.suggestedSectors,
					startDate: '2026-01-01',
					dueDate: '2026-12-31'
				},
				taskIds[i]
			);
			for (let j = 0; j < 3; j++) {
				const id = `ms_${i + 1}_${j + 1}${suffix}`;
				milestoneIds.push(id);
				const hostile = i === 0 ? hostileTitles[j] : i === 1 ? hostileTitles[j + 3] : null;
				addMilestone(
					doc,
					{
						taskId: taskIds[i],
						title: {
							ko: hostile ?? `${i + 1}-${j + 1} ${task.milestones[j]?.ko ?? '마일스톤'}`,
							en: hostile ?? `${i + 1}-${j + 1} ${task.milestones[j]?.en ?? 'Milestone'}`
						},
						position: j + 1,
						dueDate: dues[(i + j) % dues.length]
					},
					id
				);
			}
		});
		// A Hanja title, and one written in decomposed (NFD) Hangul.
		taskTitleText(doc, taskIds[4], 'ko')!.insert(0, '韓國 ');
		const nfd = milestoneTitleText(doc, `ms_5_3${suffix}`, 'ko')!;
		nfd.delete(0, nfd.length);
		nfd.insert(0, '전력망 확충 특별법 통과'.normalize('NFD'));
	});

	// Kim (MSIT) assigns owners and moves things; Lee (chip maker) reports progress.
	await changeRoadmap(db, roadmapId, IDS.kim, (doc) => {
		assignOwner(doc, taskIds[0], { kind: 'organization', id: IDS.chips, role: 'lead' });
		assignOwner(doc, taskIds[0], { kind: 'organization', id: IDS.kaist, role: 'support' });
		assignOwner(doc, taskIds[1], { kind: 'organization', id: IDS.msit, role: 'lead' });
		assignOwner(doc, taskIds[3], { kind: 'organization', id: IDS.msit, role: 'lead' });
		assignOwner(doc, taskIds[3], { kind: 'user', id: IDS.lee, role: 'support' });
	});
	await changeRoadmap(db, roadmapId, IDS.kim, (doc) => {
		setTaskField(doc, taskIds[0], 'status', 'in_progress');
		setTaskField(doc, taskIds[1], 'status', 'at_risk');
		setTaskField(doc, taskIds[3], 'status', 'done');
		setTaskField(doc, taskIds[4], 'status', 'delayed');
	});
	await changeRoadmap(db, roadmapId, IDS.lee, (doc) => {
		setTaskField(doc, taskIds[0], 'progress', 40);
		setTaskField(doc, taskIds[1], 'progress', 25);
		setTaskField(doc, taskIds[2], 'progress', 10);
		setTaskField(doc, taskIds[3], 'progress', 100);
		setTaskField(doc, taskIds[4], 'progress', 55);
		setMilestoneField(doc, `ms_1_1${suffix}`, 'status', 'done');
		setMilestoneField(doc, `ms_4_1${suffix}`, 'status', 'done');
		setMilestoneField(doc, `ms_3_2${suffix}`, 'status', 'in_progress');
		// Tasks with milestones roll their progress up from them (the hand-set numbers above are
		// what a task without milestones would show): 40, 25, 10, 100 and 55 again.
		setMilestoneField(doc, `ms_1_2${suffix}`, 'progress', 20);
		setMilestoneField(doc, `ms_2_1${suffix}`, 'progress', 50);
		setMilestoneField(doc, `ms_2_2${suffix}`, 'progress', 25);
		setMilestoneField(doc, `ms_3_2${suffix}`, 'progress', 30);
		setMilestoneField(doc, `ms_4_2${suffix}`, 'progress', 100);
		setMilestoneField(doc, `ms_4_3${suffix}`, 'progress', 100);
		setMilestoneField(doc, `ms_5_1${suffix}`, 'progress', 90);
		setMilestoneField(doc, `ms_5_2${suffix}`, 'progress', 75);
	});
	await changeRoadmap(db, roadmapId, IDS.kim, (doc) => {
		setMilestoneField(doc, `ms_2_2${suffix}`, 'dueDate', '2026-06-30');
		const title = taskTitleText(doc, taskIds[2], 'en')!;
		title.insert(title.length, ' (revised)');
	});

	if (golden) {
		// Fixed times: the template in 2025, each later change one day apart from 2026-02-10.
		const rows = await db
			.select({ id: activity.id, userId: activity.userId })
			.from(activity)
			.where(eq(activity.roadmapId, roadmapId))
			.orderBy(activity.id);
		let day = 0;
		let lastUser: string | null | undefined;
		for (const row of rows) {
			if (row.userId === null) {
				await db
					.update(activity)
					.set({ at: new Date('2025-12-01T00:00:00Z') })
					.where(eq(activity.id, row.id));
				continue;
			}
			if (row.userId !== lastUser) day++;
			lastUser = row.userId;
			await db
				.update(activity)
				.set({
					at: sql`${new Date(Date.UTC(2026, 1, 9 + day, 1, 0, 0)).toISOString()}::timestamptz`
				})
				.where(eq(activity.id, row.id));
		}
	}
	return { roadmapId, taskIds, milestoneIds };
}
