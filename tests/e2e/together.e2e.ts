/**
 * Working together on one roadmap, in two browser contexts: undo of one's own change only,
 * where the other person is, reordering and moving by keyboard, and the activity feed.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { closePeople, person, sharedRoadmap } from './people';

test.afterEach(closePeople);

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const taskTitles = (page: Page) => page.getByRole('textbox', { name: '과제 제목 (ko)' });
const milestoneTitles = (page: Page, task: number) =>
	page.getByTestId('task').nth(task).getByRole('textbox', { name: '이정표 제목' });

test('two editors: undo, presence, reorder, move and the activity feed', async ({
	browser,
	baseURL
}, testInfo) => {
	const officer = await person(browser, baseURL!, '김민지 사무관');
	const planner = await person(browser, baseURL!, '박서준 책임');
	const roadmapId = await sharedRoadmap(officer, [planner]);
	const a = await officer.context.newPage();
	const b = await planner.context.newPage();
	for (const page of [a, b]) {
		await page.setViewportSize({ width: 1440, height: 1000 });
		await page.goto(`/roadmaps/${roadmapId}`);
		await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	}
	const undoA = a.getByRole('button', { name: '되돌리기' });
	await expect(undoA).toBeDisabled();

	// Undo by the button: the officer's status change goes, the planner's due date stays.
	const statusA = a.getByRole('combobox', { name: '상태', exact: true }).first();
	const statusB = b.getByRole('combobox', { name: '상태', exact: true }).first();
	const statusBefore = await statusA.inputValue();
	await statusA.selectOption('in_progress');
	await expect(statusB).toHaveValue('in_progress');
	await b.getByLabel('마감일').first().fill('2026-12-31');
	await b.getByLabel('마감일').first().press('Enter'); // typed dates are read on Enter or leaving
	await expect(a.getByLabel('마감일').first()).toHaveValue('2026.12.31');
	await undoA.click();
	await expect(statusB).toHaveValue(statusBefore);
	await expect(statusA).toHaveValue(statusBefore);
	// Said by name beside the buttons: a step may change something out of sight.
	const firstTaskName = await taskTitles(a).first().inputValue();
	await expect(a.getByTestId('undo-done')).toHaveText(`되돌렸습니다: ${firstTaskName}`);
	await expect(a.getByLabel('마감일').first()).toHaveValue('2026.12.31');
	await expect(b.getByLabel('마감일').first()).toHaveValue('2026.12.31');
	await expect(a.getByRole('button', { name: '다시 실행' })).toBeEnabled();

	// Undo by the keyboard, focus in a title field: the officer's typing goes, the planner's
	// edit of the second task's title stays.
	const firstTitle = await taskTitles(a).first().inputValue();
	await taskTitles(a).first().fill('차세대 메모리 기술 개발');
	await expect(taskTitles(b).first()).toHaveValue('차세대 메모리 기술 개발');
	await taskTitles(b).nth(1).fill('AI 반도체 설계 역량 강화');
	await expect(taskTitles(a).nth(1)).toHaveValue('AI 반도체 설계 역량 강화');
	await taskTitles(a).first().focus();
	await a.keyboard.press('Control+z');
	await expect(taskTitles(b).first()).toHaveValue(firstTitle);
	await expect(taskTitles(a).first()).toHaveValue(firstTitle);
	await expect(taskTitles(a).nth(1)).toHaveValue('AI 반도체 설계 역량 강화');
	// …and Shift+Ctrl+Z brings it back.
	await a.keyboard.press('Control+Shift+z');
	await expect(taskTitles(b).first()).toHaveValue('차세대 메모리 기술 개발');
	await expect(a.getByTestId('undo-done')).toHaveText('다시 실행했습니다: 차세대 메모리 기술 개발');

	// In a rich summary Ctrl+Z undoes from the same stack. How the typing is cut into steps
	// depends on timing (an 800 ms pause closes a step; on a loaded machine the typing alone was
	// cut into six), so press until it is gone, ten times at most, and check nothing but the
	// summary's own typing was taken back.
	const summaryA = a.locator('[aria-label="요약 (ko)"]').first();
	const summaryB = b.locator('[aria-label="요약 (ko)"]').first();
	const summaryBefore = await summaryA.innerText();
	await summaryA.click();
	// A press on a still-plain summary makes it an editor first: type once that editor has focus.
	await expect(a.locator('.ProseMirror[aria-label="요약 (ko)"]').first()).toBeFocused();
	await a.keyboard.press('Control+End');
	await a.keyboard.type(' pilot run');
	await expect(summaryB).toContainText('pilot run');
	await a.keyboard.press('Control+z');
	await expect(summaryB).not.toContainText('pilot run');
	for (let press = 0; press < 10 && (await summaryA.innerText()) !== summaryBefore; press++) {
		await a.keyboard.press('Control+z');
		await a.waitForTimeout(100);
	}
	// (The other page shows the officer's caret label inside the text, so compare there by part.)
	await expect(summaryB).not.toContainText('pil');
	await expect(summaryA).toHaveText(summaryBefore);
	// The title undone above is still undone: the summary's undo took only the summary's steps.
	await expect(taskTitles(b).first()).toHaveValue('차세대 메모리 기술 개발');

	// Presence: the planner sees which milestone the officer is in, named in the list and marked
	// on the row; it clears when the officer's focus leaves.
	// A long title is cut in the chip, so the verb after it (last, in Korean) stays in sight.
	await milestoneTitles(a, 0)
		.first()
		.fill('AI 반도체 팹리스 기업의 설계 역량 강화를 위한 공동 연구실 구축');
	await milestoneTitles(a, 0).first().focus();
	const presence = b.getByTestId('presence');
	await expect(presence).toContainText('김민지 사무관 — ‘AI 반도체 팹리스 기업의 설계…’ 편집 중');
	const chip = presence.getByRole('listitem').first();
	expect(await chip.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
	const rowB = b.getByTestId('task').first().getByTestId('milestone').first();
	await expect(rowB.getByTestId('presence-marker')).toHaveText('김민지 사무관 편집 중');
	await b.screenshot({ path: testInfo.outputPath('presence-ko-1440.png') });
	await a.getByRole('heading', { level: 1 }).click();
	await expect(presence).not.toContainText('편집 중');
	await expect(rowB.getByTestId('presence-marker')).toHaveCount(0);
	// In a task's comments (reading or writing them) is said so, not as editing the task.
	const taskTitle = await taskTitles(a).first().inputValue();
	const threadA = a.getByTestId('task').first().locator(':scope > [data-testid="comments"]');
	await threadA.getByTestId('comments-toggle').click();
	await threadA.getByLabel('댓글 쓰기').focus();
	await expect(presence).toContainText(`김민지 사무관 — ‘${taskTitle}’ 댓글 보는 중`);
	await expect(presence).not.toContainText('편집 중');
	await a.getByRole('heading', { level: 1 }).click();
	await expect(presence).not.toContainText('댓글 보는 중');

	// Reorder by keyboard: the second task moves up with Alt+↑ on its handle, for both.
	const second = await taskTitles(a).nth(1).inputValue();
	const handle = a.getByTestId('task').nth(1).getByTestId('reorder-handle').first();
	await handle.focus();
	await a.keyboard.press('Alt+ArrowUp');
	await expect(taskTitles(b).first()).toHaveValue(second);
	await expect(taskTitles(a).first()).toHaveValue(second);
	await expect(a.getByTestId('announcer')).toHaveText(`‘${second}’: 5개 중 1번째`);
	// Focus stays on the handle of the moved task, which can go on moving.
	await expect(a.getByTestId('task').first().getByTestId('reorder-handle').first()).toBeFocused();

	// Move a milestone to another task: the planner sees it there, and nowhere else.
	const moving = milestoneTitles(a, 0).first();
	const movingTitle = await moving.inputValue();
	const targetTask = await taskTitles(a).nth(2).inputValue();
	await a
		.getByTestId('task')
		.first()
		.getByTestId('move-to-task')
		.first()
		.selectOption({ label: targetTask });
	await expect(milestoneTitles(b, 2).last()).toHaveValue(movingTitle);
	await expect(milestoneTitles(b, 0).first()).not.toHaveValue(movingTitle);
	await expect(a.getByTestId('announcer')).toContainText(`‘${targetTask}’ 과제로 옮겼습니다`);
	await expect(a.getByTestId('save-state')).toHaveText('저장됨');
	await a.screenshot({ path: testInfo.outputPath('plan-ko-1440.png') });

	// The activity feed says it, in sentences, newest first; filters live in the address.
	await b.goto(`/roadmaps/${roadmapId}/activity`);
	const feed = b.getByTestId('activity');
	await expect(feed.getByRole('listitem').first()).toContainText('김민지 사무관님이 이정표');
	await expect(feed.getByRole('listitem').first()).toContainText('과제로 옮겼습니다');
	await expect(feed).toContainText('박서준 책임님이');
	// Each time is written as the report writes one, and names its zone ("(KST)" in Seoul; the
	// browser's own here).
	await expect(feed.locator('time').first()).toHaveText(
		/^\d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2} \([A-Z][\w+:-]*\)$/
	);
	// A choice applies at once, focus staying on it.
	await b.getByTestId('filter-person').focus();
	await b.getByTestId('filter-person').selectOption({ label: '박서준 책임' });
	await expect(b).toHaveURL(/person=/);
	await expect(b.getByTestId('filter-person')).toBeFocused();
	await b.reload();
	await expect(b.getByTestId('filter-person')).toHaveValue(/.+/);
	await expect(feed).toContainText('박서준 책임님이');
	await expect(feed).not.toContainText('김민지 사무관님이');

	// Each task card links to its own activity.
	await a.getByTestId('task').nth(2).getByTestId('task-activity').click();
	await expect(a).toHaveURL(/\/activity\?task=/);
	await expect(a.getByTestId('activity')).toContainText('과제로 옮겼습니다');
	await expect(a.getByTestId('activity')).not.toContainText('AI 반도체 설계 역량 강화');
	await a.screenshot({ path: testInfo.outputPath('activity-ko-1440.png'), fullPage: true });
});

for (const [locale, label] of [
	['ko-KR', 'ko'],
	['en-US', 'en']
] as const) {
	test(`the activity feed and the plan page pass axe, and look right (${label})`, async ({
		browser,
		baseURL
	}, testInfo) => {
		const owner = await person(browser, baseURL!, 'Kim Minji', locale);
		const roadmapId = await sharedRoadmap(owner, []);
		const page = await owner.context.newPage();
		await page.goto(`/roadmaps/${roadmapId}`);
		await expect(page.getByTestId('save-state')).not.toHaveText(/연결|Connecting/);
		// One change, so the feed has a sentence and an undo is possible.
		await page
			.getByRole('combobox', { name: label === 'ko' ? '상태' : 'Status', exact: true })
			.first()
			.selectOption('in_progress');
		await expect(page.getByTestId('undo')).toBeEnabled();
		for (const width of [768, 1440]) {
			await page.setViewportSize({ width, height: 900 });
			await page.screenshot({ path: testInfo.outputPath(`plan-${label}-${width}.png`) });
		}
		const plan = await new AxeBuilder({ page }).withTags(WCAG).analyze();
		expect(plan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target)}`)).toEqual([]);

		await page.goto(`/roadmaps/${roadmapId}/activity`);
		await expect(page.getByTestId('activity').getByRole('listitem').first()).toBeVisible();
		// The template wrote the plan in one save: its first few changes show, the rest fold
		// behind one line, and open on request.
		const more = page.getByTestId('activity-more');
		await expect(more).toHaveCount(1);
		await expect(more.locator('summary')).toHaveText(
			label === 'ko'
				? /^같은 때 바뀐 \d+건 더 보기$/
				: /^Show \d+ more changes made at the same moment$/
		);
		const folded = more.locator('.folded li');
		await expect(folded.first()).toBeHidden();
		await more.locator('summary').click();
		await expect(folded.first()).toBeVisible();
		expect(await folded.count()).toBeGreaterThan(10);
		const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
		expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target)}`)).toEqual([]);
		for (const width of [768, 1440]) {
			await page.setViewportSize({ width, height: 900 });
			await page.screenshot({ path: testInfo.outputPath(`activity-${label}-${width}.png`) });
		}
	});
}

/** The officer and a planner, each on the outline of the officer's roadmap, both saved. */
async function officerAndPlannerOnOnePlan(browser: Browser, baseURL: string) {
	const officer = await person(browser, baseURL, '김민지 사무관');
	const planner = await person(browser, baseURL, '박서준 책임');
	const roadmapId = await sharedRoadmap(officer, [planner]);
	const a = await officer.context.newPage();
	const b = await planner.context.newPage();
	for (const page of [a, b]) {
		await page.goto(`/roadmaps/${roadmapId}`);
		await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	}
	return { a, b };
}

test('undo over what someone else changed since says there is nothing of one’s own left, and turns off', async ({
	browser,
	baseURL
}) => {
	const { a, b } = await officerAndPlannerOnOnePlan(browser, baseURL!);
	const statusA = a.getByRole('combobox', { name: '상태', exact: true }).first();
	const statusB = b.getByRole('combobox', { name: '상태', exact: true }).first();
	await statusA.selectOption('in_progress');
	await expect(statusB).toHaveValue('in_progress');
	await statusB.selectOption('done');
	await expect(statusA).toHaveValue('done');
	const undoA = a.getByRole('button', { name: '되돌리기' });
	await expect(undoA).toBeEnabled();
	await undoA.click();
	// Yjs does not undo over the planner's change: it stays, and the page says why nothing moved.
	await expect(statusA).toHaveValue('done');
	await expect(statusB).toHaveValue('done');
	await expect(a.getByTestId('undo-nothing')).toHaveText(
		'되돌릴 내 변경이 없습니다. 내가 고친 곳을 그 뒤에 다른 사람이 고쳤습니다.'
	);
	await expect(undoA).toBeDisabled();
	await expect(a.getByRole('button', { name: '다시 실행' })).toBeDisabled();
});

test('undo takes one step a press: a step someone else changed since is said, and the one before is left for the next press', async ({
	browser,
	baseURL
}) => {
	const { a, b } = await officerAndPlannerOnOnePlan(browser, baseURL!);
	const statusOf = (page: Page, n: number) =>
		page.getByRole('combobox', { name: '상태', exact: true }).nth(n);
	// The officer's earlier step, on another task; then her last step, which the planner overrides.
	await statusOf(a, 1).selectOption('at_risk');
	await expect(statusOf(b, 1)).toHaveValue('at_risk');
	await a.waitForTimeout(1000); // past the undo manager's 800 ms: a step of its own
	await statusOf(a, 0).selectOption('in_progress');
	await expect(statusOf(b, 0)).toHaveValue('in_progress');
	await statusOf(b, 0).selectOption('done');
	await expect(statusOf(a, 0)).toHaveValue('done');

	const undoA = a.getByRole('button', { name: '되돌리기' });
	await undoA.click();
	// Nothing moves, not even the earlier step, and the page says why and what the next press does.
	await expect(a.getByTestId('undo-nothing')).toHaveText(
		'되돌리지 않았습니다. 마지막으로 고친 곳을 그 뒤에 다른 사람이 고쳤습니다. 한 번 더 누르면 그 전 변경을 되돌립니다.'
	);
	await expect(statusOf(a, 1)).toHaveValue('at_risk');
	await expect(statusOf(b, 0)).toHaveValue('done');
	await expect(undoA).toBeEnabled();
	await undoA.click();
	await expect(statusOf(b, 1)).not.toHaveValue('at_risk');
	await expect(a.getByTestId('undo-done')).toHaveText(/^되돌렸습니다: \S/);
	await expect(a.getByTestId('undo-nothing')).toBeEmpty();
	await expect(statusOf(b, 0)).toHaveValue('done');
	await expect(undoA).toBeDisabled();
});

test('the activity feed says when a colleague changed something since it was drawn, and shows it on request', async ({
	browser,
	baseURL
}, testInfo) => {
	const { a, b } = await officerAndPlannerOnOnePlan(browser, baseURL!);
	await b.goto(b.url().replace(/\/roadmaps\/([^/?]+).*$/, '/roadmaps/$1/activity'));
	const feed = b.getByTestId('activity');
	await expect(feed.getByRole('listitem').first()).toBeVisible();
	const drawn = await feed.getByRole('listitem').allInnerTexts();
	await expect(b.getByTestId('activity-news')).toHaveCount(0);

	await a.getByRole('combobox', { name: '상태', exact: true }).first().selectOption('in_progress');
	await expect(a.getByTestId('save-state')).toHaveText('저장됨');
	// Asked every 10 s: the feed itself stays as drawn until the planner asks for more.
	const news = b.getByTestId('activity-news');
	await expect(news).toHaveText('새 변경 1건 보기', { timeout: 25_000 });
	await b.screenshot({ path: testInfo.outputPath('activity-news-ko.png') });
	expect(await feed.getByRole('listitem').allInnerTexts()).toEqual(drawn);
	await news.click();
	await expect(feed.getByRole('listitem').first()).toContainText('김민지 사무관님이');
	await expect(feed.getByRole('listitem').first()).not.toHaveText(drawn[0]);
	await expect(news).toHaveCount(0);
	await expect(b.getByRole('heading', { name: '변경 기록 (최신순)' })).toBeFocused();
});
