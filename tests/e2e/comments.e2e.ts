/**
 * Comments in two browsers on one roadmap: a comment with a mention, written in one (Korean),
 * appears live in the other (English), is resolved there, and folds away in the first. axe runs
 * with a thread open in both languages.
 */
import { expectNoAxeViolations as axeCheck } from './axe';
import { expect, test, type Page } from '@playwright/test';
import { addMember, closePeople, oneEditorOnNewRoadmap, person, sharedRoadmap } from './people';

test.afterEach(closePeople);

/** The first task's own thread (not one of its milestones'). */
const taskThread = (page: Page) =>
	page.getByTestId('task').first().locator(':scope > [data-testid="comments"]');

/** axe over the first task (its threads and their composer), which holds all that comments add. */
const expectNoAxeViolations = (page: Page, label: string) =>
	axeCheck(page, label, '[data-testid="task"]:first-of-type');

test('a comment with a mention appears live for a colleague, who resolves it', async ({
	browser,
	baseURL
}, testInfo) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const colleague = await person(browser, baseURL!, 'Park Seojun', 'en-US');
	const roadmapId = await sharedRoadmap(owner, []);
	await addMember(owner, roadmapId, colleague, 'commenter');
	const [a, b] = [await owner.context.newPage(), await colleague.context.newPage()];
	await a.goto(`/roadmaps/${roadmapId}`);
	await b.goto(`/roadmaps/${roadmapId}`);
	await expect(a.getByTestId('save-state')).toHaveText('저장됨');
	await expect(b.getByTestId('save-state')).toHaveText('Up to date');

	// Korean: write a comment mentioning the colleague, picked from the suggestions by keyboard.
	const threadA = taskThread(a);
	await threadA.getByTestId('comments-toggle').click();
	const input = threadA.getByLabel('댓글 쓰기');
	await input.fill('일정 검토 부탁드립니다 ');
	await input.pressSequentially('@Pa');
	await expect(threadA.getByRole('option', { name: 'Park Seojun' })).toBeVisible();
	await a.screenshot({ path: testInfo.outputPath('comments-ko-mention.png') });
	await input.press('Enter');
	await expect(input).toHaveValue('일정 검토 부탁드립니다 @Park Seojun ');
	await input.pressSequentially('3월 회의 전까지요.');
	await input.press('Control+Enter');
	// Posted: the composer is empty again and keeps the focus for the next comment.
	await expect(input).toHaveValue('');
	await expect(input).toBeFocused();
	const mineA = threadA.getByTestId('comment');
	await expect(mineA).toHaveCount(1);
	await expect(mineA.locator('.mention')).toHaveText('@Park Seojun');
	await expect(threadA.getByTestId('comments-toggle')).toContainText('댓글 (미해결 1)');

	// English, in the other browser, without reloading: the count, then the comment.
	const threadB = taskThread(b);
	await expect(threadB.getByTestId('comments-toggle')).toContainText('Comments (1 open)');
	await threadB.getByTestId('comments-toggle').click();
	const seen = threadB.getByTestId('comment');
	await expect(seen).toContainText('김민지 사무관');
	await expect(seen.getByTestId('comment-body')).toHaveText(
		'일정 검토 부탁드립니다 @Park Seojun 3월 회의 전까지요.'
	);
	await expect(seen.locator('.mention')).toHaveText('@Park Seojun');
	// A commenter may resolve but not edit someone else's comment.
	await expect(seen.getByRole('button', { name: 'Edit' })).toHaveCount(0);

	for (const [page, lang] of [
		[a, 'ko'],
		[b, 'en']
	] as const) {
		await expectNoAxeViolations(page, lang);
		for (const width of [1440, 768]) {
			await page.setViewportSize({ width, height: 900 });
			await taskThread(page).scrollIntoViewIfNeeded();
			await page.screenshot({ path: testInfo.outputPath(`comments-${lang}-${width}.png`) });
		}
	}

	// Resolved in English; in Korean it folds away live.
	await seen.getByRole('button', { name: 'Resolve' }).click();
	await expect(threadB.getByTestId('resolved-comments')).toContainText('Resolved (1)');
	// The comment folded away with the focus on it: the thread keeps the focus.
	await expect(threadB.getByTestId('comment-thread')).toBeFocused();
	await expect(threadA.getByTestId('comments-toggle')).toHaveText(/^\s*댓글\s*$/);
	// Read aloud as "댓글: <the task>", without a space before the colon.
	await expect(threadA.getByTestId('comments-toggle')).toHaveAccessibleName(/^댓글: \S/);
	const folded = threadA.getByTestId('resolved-comments');
	await expect(folded).toContainText('해결된 댓글 (1)');
	await expect(folded.getByTestId('comment')).toBeHidden();
	await folded.locator('summary').click();
	await expect(folded.getByTestId('comment')).toContainText('Park Seojun님이 해결함');
	await expectNoAxeViolations(a, 'ko resolved');
	await a.screenshot({ path: testInfo.outputPath('comments-ko-resolved.png') });

	// A name typed out in full, without picking it, mentions too; the box says who will be told.
	const inputB = threadB.getByLabel('Write a comment');
	await inputB.fill('@김민지 사무관님, resolved: the dates hold. @Park Seojun');
	await expect(threadB.getByTestId('comment-notifies')).toHaveText('Notifies: 김민지 사무관');
	// The suggestions open under the box and push the hint down, not over it.
	const suggestions = threadB.getByRole('listbox');
	await expect(suggestions).toBeVisible();
	const listBox = (await suggestions.boundingBox())!;
	const hintBox = (await threadB.locator('p.hint').boundingBox())!;
	expect(listBox.y + listBox.height).toBeLessThanOrEqual(hintBox.y);
	await inputB.press('Escape'); // the suggestions for "@Park Seojun" close; the text stays
	await expect(inputB).toHaveValue('@김민지 사무관님, resolved: the dates hold. @Park Seojun');
	await threadB.getByTestId('comment-notifies').scrollIntoViewIfNeeded();
	await b.screenshot({ path: testInfo.outputPath('comments-en-typed-mention.png') });
	// The caret back at the end opens the suggestions again; Ctrl+Enter posts and closes them.
	await inputB.press('End');
	await expect(threadB.getByRole('option', { name: 'Park Seojun' })).toBeVisible();
	await inputB.press('Control+Enter');
	await expect(inputB).toHaveValue('');
	await expect(threadB.getByRole('listbox')).toHaveCount(0);
	await expect(threadB.getByTestId('comment-notifies')).toHaveCount(0);
	const reply = threadA.getByTestId('comment').filter({ hasText: 'the dates hold' });
	await expect(reply.locator('.mention')).toHaveText(['@김민지 사무관', '@Park Seojun']);
	await expect(a.getByTestId('mention-count')).toHaveText('1');
});

test('a comment written offline is kept, and sent once the browser is back online', async ({
	browser,
	baseURL
}) => {
	const { owner, page } = await oneEditorOnNewRoadmap(browser, baseURL!);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	const thread = taskThread(page);
	await thread.getByTestId('comments-toggle').click();

	await owner.context.setOffline(true);
	const input = thread.getByLabel('댓글 쓰기');
	await input.fill('기차 안에서 씁니다: 3분기 일정 확인 필요');
	await thread.getByTestId('comment-submit').click();
	await expect(thread.getByRole('alert')).toHaveText(
		'오프라인입니다. 작성한 내용은 그대로 있고, 다시 연결되면 보냅니다.'
	);
	await expect(input).toHaveValue('기차 안에서 씁니다: 3분기 일정 확인 필요');
	await expect(thread.getByTestId('comment')).toHaveCount(0);

	await owner.context.setOffline(false);
	await expect(thread.getByTestId('comment-body')).toHaveText(
		'기차 안에서 씁니다: 3분기 일정 확인 필요'
	);
	await expect(input).toHaveValue('');
	await expect(thread.getByRole('alert')).toHaveCount(0);
	// It was saved, not only shown: a fresh page reads it from the server.
	await page.reload();
	await taskThread(page).getByTestId('comments-toggle').click();
	await expect(taskThread(page).getByTestId('comment-body')).toHaveText(
		'기차 안에서 씁니다: 3분기 일정 확인 필요'
	);
});

test('an unsent comment is kept when its thread closes, the page is left, or its milestone is deleted and restored', async ({
	browser,
	baseURL
}) => {
	const { roadmapId, page } = await oneEditorOnNewRoadmap(browser, baseURL!);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	const row = page.getByTestId('task').first().getByTestId('milestone').first();
	const milestoneId = (await row.getAttribute('data-milestone-id'))!;
	const thread = () =>
		page.locator(`[data-milestone-id="${milestoneId}"] [data-testid="comments"]`);
	await thread().getByTestId('comments-toggle').click();
	await thread().getByLabel('댓글 쓰기').fill('예산안 첨부 예정');
	await thread().getByTestId('comments-toggle').click(); // closed
	await thread().getByTestId('comments-toggle').click();
	await expect(thread().getByLabel('댓글 쓰기')).toHaveValue('예산안 첨부 예정');

	// Deleted (here, then restored from the log), the draft comes back with the milestone.
	page.once('dialog', (dialog) => void dialog.accept());
	await row.getByRole('button', { name: '이정표 삭제' }).click();
	await expect(page.locator(`[data-milestone-id="${milestoneId}"]`)).toHaveCount(0);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	await page.goto(`/roadmaps/${roadmapId}/activity`);
	await page.getByTestId('restore').first().click();
	await page.getByTestId('restore-result').getByRole('link', { name: '열기' }).click();
	await thread().getByTestId('comments-toggle').click();
	const input = thread().getByLabel('댓글 쓰기');
	await expect(input).toHaveValue('예산안 첨부 예정');

	// Sent, it is no longer kept: a reload shows an empty box.
	await thread().getByTestId('comment-submit').click();
	await expect(thread().getByTestId('comment-body')).toHaveText('예산안 첨부 예정');
	await page.reload();
	await thread().getByTestId('comments-toggle').click();
	await expect(thread().getByLabel('댓글 쓰기')).toHaveValue('');
});
