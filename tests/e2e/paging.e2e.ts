/**
 * A task with more milestones than a page: the outline draws the first 50 and says how many are
 * left, "show more" draws the rest, and a milestone added while the list is cut short is drawn
 * and focused anyway. The other editor's page pages the same list; the server's render without
 * JavaScript draws the first ten and links to all. A link to a comment on a hidden milestone
 * draws it.
 */
import { expect, test } from '@playwright/test';
import { closePeople, twoEditorsOnOneRoadmap } from './people';

test.afterEach(closePeople);

test('a long milestone list is drawn a page at a time, and what one adds stays in view', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { roadmapId, pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!);
	const taskA = pageA.getByTestId('task').first();
	const add = taskA.getByRole('button', { name: '이정표 추가' });
	const rows = taskA.getByTestId('milestone');
	const start = await rows.count();
	for (let i = start; i < 52; i++) await add.click();
	await expect(rows).toHaveCount(52); // added here: every one stays drawn

	// B's page (and A's after a reload) draws the first 50 and offers the other two.
	const taskB = pageB.getByTestId('task').first();
	await expect(taskB.getByTestId('milestones-paged')).toContainText('이정표 52개 중 50개 표시');
	await expect(taskB.getByTestId('milestone')).toHaveCount(50);
	await pageA.reload();
	await expect(pageA.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	await expect(rows).toHaveCount(50);
	const paged = taskA.getByTestId('milestones-paged');
	await expect(paged).toContainText('이정표 52개 중 50개 표시');

	// Adding one while two are hidden: the new one is drawn at the end and its title focused.
	await add.click();
	await expect(rows).toHaveCount(51);
	await expect(rows.last().getByRole('textbox', { name: '이정표 제목' })).toBeFocused();
	await expect(paged).toContainText('이정표 53개 중 51개 표시');

	// "Show more" draws the rest; nothing is left to offer.
	await paged.getByRole('button', { name: '2개 더 보기' }).click();
	await expect(rows).toHaveCount(53);
	await expect(paged).toHaveCount(0);
	await expect(taskB.getByTestId('milestones-paged')).toContainText('이정표 53개 중 50개 표시');
	await taskB.getByRole('button', { name: '53개 모두 보기' }).click();
	await expect(taskB.getByTestId('milestone')).toHaveCount(53);

	// Without JavaScript the server's outline draws the first ten (as the live outline's first
	// frame does at most), and "show all" is a link.
	const noScript = await browser.newContext({
		javaScriptEnabled: false,
		storageState: await pageB.context().storageState()
	});
	const plain = await noScript.newPage();
	await plain.goto(pageB.url());
	const plainTask = plain.getByTestId('task').first();
	await expect(plainTask.getByTestId('milestone')).toHaveCount(10);
	// Nothing will connect: the status says what the page is instead of "connecting" for good.
	await expect(plain.getByTestId('save-state-static')).toHaveText(
		'저장된 계획 (실시간 편집은 JavaScript가 필요합니다)'
	);
	await expect(plain.getByTestId('save-state')).toBeHidden();
	await plainTask.getByRole('link', { name: '53개 모두 보기' }).click();
	await expect(plain).toHaveURL(/milestones=all/);
	await expect(plain.getByTestId('task').first().getByTestId('milestone')).toHaveCount(53);
	await noScript.close();

	// A link to a comment on a milestone past the first page (the mentions bell gives such links)
	// draws that milestone on a fresh load and opens its thread there.
	const lastId = await rows.last().getAttribute('data-milestone-id');
	const taskId = await taskA.getAttribute('data-task-id');
	const posted = await pageA.request.post(`/api/v1/roadmaps/${roadmapId}/comments`, {
		data: { taskId, milestoneId: lastId, body: '마지막 이정표 일정 확인 부탁드립니다' },
		headers: { origin: new URL(baseURL!).origin }
	});
	expect(posted.status()).toBe(201);
	const commentId = ((await posted.json()) as { comment: { id: string } }).comment.id;
	const linkedPage = await pageB.context().newPage();
	await linkedPage.goto(`/roadmaps/${roadmapId}?comment=${commentId}`);
	const linked = linkedPage.locator(`[data-comment-id="${commentId}"]`);
	await expect(linked).toBeInViewport();
	await expect(linked).toContainText('마지막 이정표 일정 확인');
	await expect(
		linkedPage.getByTestId('task').first().getByTestId('milestones-paged')
	).toContainText('이정표 53개 중 51개 표시');
});
