/**
 * The "needs translation" switch above the plan is a criterion of the URL's filter like the
 * others (`?translation=needed`): its count says what it counts (tasks and milestones), it shows
 * only the milestones that need translation with the others "hidden by the filter", and it
 * survives a reload and a switch of view.
 */
import { expect, test } from '@playwright/test';
import { closePeople, oneEditorOnNewRoadmap } from './people';

test.use({ locale: 'ko-KR' });
test.afterEach(closePeople);

test('only what needs translation: the untranslated milestones alone, in the URL, after a reload and on the board', async ({
	browser,
	baseURL
}) => {
	const { page } = await oneEditorOnNewRoadmap(browser, baseURL!);
	const tasks = page.getByTestId('task');
	const milestones = page.getByTestId('milestone');
	const title = '이정표 제목';
	const untranslated = page.getByTestId('filter-untranslated');
	// The five-task template is written in both languages: nothing to translate, no switch.
	await expect(tasks).toHaveCount(5);
	await expect(untranslated).toHaveCount(0);

	// A new milestone of the first task is written in Korean only (English is missing) …
	await tasks.nth(0).getByRole('button', { name: '이정표 추가' }).click();
	const added = tasks.nth(0).getByTestId('milestone').last().getByRole('textbox', { name: title });
	await expect(added).toBeFocused();
	await added.pressSequentially('번역할 새 단계');
	await expect(added).toHaveValue('번역할 새 단계');
	// … and the Korean title of the second task's first milestone changes (English is now stale).
	const changed = tasks
		.nth(1)
		.getByTestId('milestone')
		.first()
		.getByRole('textbox', { name: title });
	await changed.click();
	await changed.press('End');
	await changed.pressSequentially(' (개정)');
	const changedTitle = await changed.inputValue();
	expect(changedTitle).toMatch(/ \(개정\)$/);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');

	// The count says what it counts: no task's own text, two milestones.
	await expect(page.getByTestId('plan-status')).toContainText(
		'번역 필요 항목만 (과제 0개, 이정표 2개)'
	);
	await untranslated.check();
	await expect(page).toHaveURL(/\/roadmaps\/[^/?]+\?translation=needed$/);
	const count = page.getByTestId('filter-count');
	await expect(count).toHaveText(/과제 5개 중 2개, 이정표 \d+개 중 2개/);
	const allMilestones = Number(/이정표 (\d+)개 중/.exec((await count.textContent())!)![1]);

	async function showsOnlyTheUntranslated() {
		await expect(untranslated).toBeChecked();
		await expect(tasks).toHaveCount(2);
		await expect(milestones).toHaveCount(2);
		await expect(tasks.nth(0).getByRole('textbox', { name: title })).toHaveValue('번역할 새 단계');
		await expect(tasks.nth(1).getByRole('textbox', { name: title })).toHaveValue(changedTitle);
		// The translated ones are out of sight, and each task says how many, as other filters do.
		await expect(tasks.nth(0).getByTestId('milestones-filtered-out')).toHaveText(
			'필터로 숨긴 이정표 3개'
		);
		await expect(tasks.nth(1).getByTestId('milestones-filtered-out')).toHaveText(
			'필터로 숨긴 이정표 2개'
		);
		await expect(count).toHaveText(`과제 5개 중 2개, 이정표 ${allMilestones}개 중 2개 표시`);
	}
	await showsOnlyTheUntranslated();

	// A reload (or a shared link) shows the same.
	await page.reload();
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	await expect(page).toHaveURL(/\?translation=needed$/);
	await showsOnlyTheUntranslated();

	// It travels to the other views and narrows them too: the board has the two cards alone.
	await page.getByTestId('view-switcher').getByRole('link', { name: '상태 보드' }).click();
	await expect(page).toHaveURL(/\/board\?translation=needed$/);
	await expect(page.getByTestId('board-card')).toHaveCount(2);
	await expect(untranslated).toBeChecked();

	// Off again: the address loses it and the board shows every milestone.
	await untranslated.uncheck();
	await expect(page).toHaveURL(/\/board$/);
	await expect(page.getByTestId('board-card')).toHaveCount(allMilestones);
	await expect(untranslated).not.toBeChecked();
	await expect(page.getByTestId('plan-status')).toContainText(
		'번역 필요 항목만 (과제 0개, 이정표 2개)'
	);
});
