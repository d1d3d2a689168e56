/**
 * A milestone deleted by one editor is brought back by another from the activity log: whole,
 * with its comment, live on every open page, told in the log as a restore. Whoever had it open
 * is told where they are, a viewer too (without the offer to restore), and the notice goes when
 * it is back. An undone deletion reads as a restore as well.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { addMember, closePeople, person, sharedRoadmap } from './people';
import { chipTitle } from '../../src/lib/collab/presence-location';

test.afterEach(closePeople);

test('an editor restores a milestone someone deleted, from the activity log', async ({
	browser,
	baseURL
}) => {
	const officer = await person(browser, baseURL!, '김민지 사무관');
	const planner = await person(browser, baseURL!, '박서준 책임');
	const observer = await person(browser, baseURL!, '최유진 연구원');
	const roadmapId = await sharedRoadmap(officer, [planner]);
	await addMember(officer, roadmapId, observer, 'viewer');
	const a = await officer.context.newPage();
	const b = await planner.context.newPage();
	const v = await observer.context.newPage();
	for (const page of [a, b, v]) await page.goto(`/roadmaps/${roadmapId}`);
	for (const page of [a, b]) await expect(page.getByTestId('save-state')).toHaveText('저장됨');

	// The officer sets a progress and comments on the second milestone.
	const taskA = a.getByTestId('task').first();
	const row = taskA.getByTestId('milestone').nth(1);
	const milestoneId = (await row.getAttribute('data-milestone-id'))!;
	const title = await row.getByRole('textbox', { name: '이정표 제목' }).inputValue();
	await row.getByLabel('이정표 진행률(%)').fill('35');
	await row.getByLabel('이정표 진행률(%)').press('Enter');
	const commented = await a.request.post(`/api/v1/roadmaps/${roadmapId}/comments`, {
		data: { taskId: await taskA.getAttribute('data-task-id'), milestoneId, body: '예산 확인 필요' },
		headers: { origin: baseURL! }
	});
	expect(commented.status()).toBe(201);
	await expect(a.getByTestId('save-state')).toHaveText('저장됨');

	// The planner has it open (the caret in its title), the viewer its comments.
	const inB = b.locator(`[data-milestone-id="${milestoneId}"]`);
	await inB.getByRole('textbox', { name: '이정표 제목' }).focus();
	await expect(a.getByTestId('presence')).toContainText(`‘${chipTitle(title)}’ 편집 중`);
	await v.locator(`[data-milestone-id="${milestoneId}"]`).getByTestId('comments-toggle').focus();

	// The officer deletes it.
	a.once('dialog', (dialog) => void dialog.accept());
	await row.getByRole('button', { name: '이정표 삭제' }).click();
	await expect(a.locator(`[data-milestone-id="${milestoneId}"]`)).toHaveCount(0);
	await expect(a.getByTestId('save-state')).toHaveText('저장됨');

	// Both are told, in view wherever they are; only the editor is offered to restore it.
	const lostB = b.getByTestId('lost-edits');
	await expect(lostB).toContainText(`열어 둔 ‘${title}’ 항목을 다른 사람이 삭제했습니다`);
	await expect(lostB).toContainText('거기서 삭제 전 내용으로 복원할 수 있습니다');
	await expect(lostB).toBeInViewport();
	const lostV = v.getByTestId('lost-edits');
	await expect(lostV).toContainText(`열어 둔 ‘${title}’ 항목을 다른 사람이 삭제했습니다`);
	await expect(lostV).not.toContainText('복원');

	// The viewer reads the deletion in the log and has nothing to press.
	const log = await observer.context.newPage();
	await log.goto(`/roadmaps/${roadmapId}/activity`);
	await expect(log.getByTestId('activity')).toContainText(`'${title}'`);
	await expect(log.getByTestId('restore')).toHaveCount(0);

	// The planner follows the notice to the log and restores it.
	await lostB.getByRole('link', { name: '변경 기록 보기' }).click();
	await expect(b).toHaveURL(/\/activity$/);
	const deletion = b.getByTestId('activity').locator('li', { hasText: '삭제했습니다' }).first();
	await expect(deletion).toContainText(`김민지 사무관님이 이정표 '${title}'`);
	const restore = deletion.getByRole('button', { name: '복원' });
	await expect(restore).toHaveAccessibleDescription(/삭제했습니다/);
	await expectNoAxeViolations(b, 'activity with a restore', 'main');
	await b.screenshot({ path: 'test-results/restore/activity-offer.png', fullPage: true });
	await restore.focus();
	await b.keyboard.press('Enter');
	const result = b.getByTestId('restore-result');
	await expect(result).toContainText(`‘${title}’ 항목을 복원했습니다`);
	await expect(result).toBeFocused(); // the button went with its entry
	await expect(b.getByTestId('activity').locator('li').first()).toContainText(
		`박서준 책임님이 삭제된 이정표 '${title}'`
	);
	await expect(b.getByTestId('restore')).toHaveCount(0);
	await b.screenshot({ path: 'test-results/restore/activity-restored.png', fullPage: true });

	// It is back, live, as it was, with its comment; the viewer's notice has gone.
	const back = a.locator(`[data-milestone-id="${milestoneId}"]`);
	await expect(back.getByRole('textbox', { name: '이정표 제목' })).toHaveValue(title);
	await expect(back.getByLabel('이정표 진행률(%)')).toHaveValue('35');
	await expect(back.getByTestId('comments-toggle')).toContainText('1');
	await expect(v.locator(`[data-milestone-id="${milestoneId}"]`)).toHaveCount(1);
	await expect(lostV).toHaveCount(0);

	// "Open it" leads to the milestone in the outline.
	await result.getByRole('link', { name: '열기' }).click();
	await expect(b).toHaveURL(new RegExp(`\\?milestone=${milestoneId}$`));
	await expect(
		b.locator(`[data-milestone-id="${milestoneId}"]`).getByRole('textbox', { name: '이정표 제목' })
	).toBeFocused();

	// Undoing one's own deletion is told the same way: restored, not added.
	const third = taskA.getByTestId('milestone').nth(2);
	const thirdId = (await third.getAttribute('data-milestone-id'))!;
	const thirdTitle = await third.getByRole('textbox', { name: '이정표 제목' }).inputValue();
	a.once('dialog', (dialog) => void dialog.accept());
	await third.getByRole('button', { name: '이정표 삭제' }).click();
	await expect(a.locator(`[data-milestone-id="${thirdId}"]`)).toHaveCount(0);
	await a.getByRole('button', { name: '되돌리기' }).click();
	await expect(a.locator(`[data-milestone-id="${thirdId}"]`)).toHaveCount(1);
	await expect(a.getByTestId('save-state')).toHaveText('저장됨');
	await log.reload();
	await expect(log.getByTestId('activity').locator('li').first()).toContainText(
		`김민지 사무관님이 삭제된 이정표 '${thirdTitle}'`
	);

	// A whole task, deleted and restored: "Open it" lands on it in the outline.
	const lastTask = a.getByTestId('task').last();
	const taskId = (await lastTask.getAttribute('data-task-id'))!;
	// Its summary has a word in bold: it comes back in bold.
	await lastTask.locator('.summary-editor').first().click();
	await expect(lastTask.locator('.summary-editor.ProseMirror')).toBeFocused();
	await a.keyboard.press('ControlOrMeta+End');
	await a.keyboard.press('ControlOrMeta+b');
	await a.keyboard.type(' 핵심');
	await expect(lastTask.locator('.summary-editor strong')).toHaveText('핵심');
	await expect(a.getByTestId('save-state')).toHaveText('저장됨');
	// The viewer has one of its milestones' comments open: the notice names the task, as the log.
	const openMs = lastTask.getByTestId('milestone').first();
	const openMsId = (await openMs.getAttribute('data-milestone-id'))!;
	const openTitle = await openMs.getByRole('textbox', { name: '이정표 제목' }).inputValue();
	await v.locator(`[data-milestone-id="${openMsId}"]`).getByTestId('comments-toggle').focus();
	a.once('dialog', (dialog) => void dialog.accept());
	await lastTask.getByRole('button', { name: '과제 삭제' }).click();
	await expect(a.locator(`[data-task-id="${taskId}"]`)).toHaveCount(0);
	await expect(a.getByTestId('save-state')).toHaveText('저장됨');
	await expect(v.getByTestId('lost-edits')).toContainText(
		new RegExp(
			`열어 둔 ‘${escapeRegExp(openTitle)}’ 항목이 든 과제 ‘[^’]+’[을를] 다른 사람이 삭제했습니다`
		)
	);
	await b.goto(`/roadmaps/${roadmapId}/activity`);
	await b.getByTestId('restore').first().click();
	// Its summary comes back as it was, formatting and all: nothing to warn of.
	await expect(b.getByTestId('restore-result').getByRole('link', { name: '열기' })).toBeVisible();
	await expect(b.getByTestId('restore-result')).not.toContainText('서식은 복원되지 않습니다');
	await b.getByTestId('restore-result').getByRole('link', { name: '열기' }).click();
	await expect(b).toHaveURL(new RegExp(`#task-${taskId}$`));
	await expect(
		b.locator(`[data-task-id="${taskId}"]`).getByRole('textbox', { name: '과제 제목 (ko)' })
	).toBeInViewport();
	await expect(a.locator(`[data-task-id="${taskId}"]`).getByTestId('milestone')).not.toHaveCount(0);
	const summaryBack = a.locator(`[data-task-id="${taskId}"] .summary-editor`).first();
	await summaryBack.click();
	await expect(a.locator(`[data-task-id="${taskId}"] .summary-editor strong`)).toHaveText('핵심');
	// Back: the viewer's notice goes.
	await expect(v.getByTestId('lost-edits')).toHaveCount(0);
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
