/**
 * Mention notices in two browsers: 김민지 (Korean) mentions a colleague (English) who has the
 * roadmap's board open; the colleague's bell counts it live, lists who mentioned them where, and
 * its link opens the comment's thread on the outline. Then the colleague mentions 김민지 twice
 * while she is on a page without a live connection: she sees them on her next page load and
 * marks them all read. axe runs over the open bell in both languages.
 */
import { expectNoAxeViolations as axeCheck } from './axe';
import { expect, test, type Page } from '@playwright/test';
import { addMember, closePeople, person, sharedRoadmap, type Person } from './people';

test.afterEach(closePeople);

const expectNoAxeViolations = (page: Page, label: string) => axeCheck(page, label, 'header.bar');

const idOf = async (who: Person) =>
	((await (await who.api.get('/api/v1/me')).json()) as { id: string }).id;

async function comment(by: Person, roadmapId: string, target: object, body: string) {
	const response = await by.api.post(`/api/v1/roadmaps/${roadmapId}/comments`, {
		data: { ...target, body },
		headers: by.origin
	});
	expect(response.status()).toBe(201);
	return ((await response.json()) as { comment: { id: string } }).comment.id;
}

test('a mention reaches the colleague live, and its link opens the thread', async ({
	browser,
	baseURL
}, testInfo) => {
	const minji = await person(browser, baseURL!, '김민지 사무관');
	const seojun = await person(browser, baseURL!, 'Park Seojun', 'en-US');
	const roadmapId = await sharedRoadmap(minji, []);
	await addMember(minji, roadmapId, seojun, 'commenter');
	const roadmap = (await (await minji.api.get(`/api/v1/roadmaps/${roadmapId}`)).json()) as {
		tasks: { id: string; titleKo: string; titleEn: string }[];
	};
	const task = roadmap.tasks[0];

	const b = await seojun.context.newPage();
	await b.goto(`/roadmaps/${roadmapId}/board`);
	await expect(b.getByTestId('save-state')).toHaveText('Up to date');
	const bell = b.getByTestId('mention-bell');
	await expect(bell).toHaveAccessibleName('Notifications');
	await expect(b.getByTestId('mention-count')).toHaveCount(0);

	// 김민지 mentions him (and herself: she is not told about her own comment).
	const commentId = await comment(
		minji,
		roadmapId,
		{ taskId: task.id },
		`<@${await idOf(seojun)}> <@${await idOf(minji)}> 일정 검토 부탁드립니다`
	);
	await expect(b.getByTestId('mention-count')).toHaveText('1');
	await expect(bell).toHaveAccessibleName('Notifications: 1 unread mention');

	await bell.click();
	const notice = b.getByTestId('mention-notice');
	await expect(notice).toHaveCount(1);
	await expect(notice).toContainText(
		`김민지 사무관 mentioned you in a comment on the task ‘${task.titleEn || task.titleKo}’`
	);
	await expect(notice).toContainText('Unread');
	await expectNoAxeViolations(b, 'en');
	await b.screenshot({ path: testInfo.outputPath('mentions-en-open.png') });

	// Following it: the outline, with that comment's thread open and the count gone.
	await notice.getByRole('link').click();
	await expect(b).toHaveURL(new RegExp(`/roadmaps/${roadmapId}\\?comment=${commentId}$`));
	const linked = b.locator(`[data-comment-id="${commentId}"]`);
	await expect(linked).toBeInViewport();
	await expect(b.getByTestId('comment-thread').filter({ has: linked })).toBeFocused();
	await expect(linked).toContainText('일정 검토 부탁드립니다');
	await expect(b.getByTestId('mention-count')).toHaveCount(0);
	await b.screenshot({ path: testInfo.outputPath('mentions-en-followed.png') });
	await b.reload();
	await expect(b.getByTestId('mention-count')).toHaveCount(0); // read is kept

	// 김민지 is on the members page (no live connection): two mentions wait for her next load.
	const a = await minji.context.newPage();
	await a.goto(`/roadmaps/${roadmapId}/members`);
	await expect(a.getByTestId('mention-count')).toHaveCount(0);
	const minjiId = await idOf(minji);
	await comment(seojun, roadmapId, { taskId: task.id }, `<@${minjiId}> Done, see the draft.`);
	await comment(seojun, roadmapId, { taskId: roadmap.tasks[1].id }, `<@${minjiId}> This one too.`);
	await a.reload();
	await expect(a.getByTestId('mention-count')).toHaveText('2');
	await a.getByTestId('mention-bell').click();
	await expect(a.getByTestId('mention-notice')).toHaveCount(2);
	await expect(a.getByTestId('mention-notice').first()).toContainText('Park Seojun님이 ‘');
	await expectNoAxeViolations(a, 'ko');
	await a.screenshot({ path: testInfo.outputPath('mentions-ko-open.png') });
	await a.getByRole('button', { name: '모두 읽음' }).click();
	await expect(a.getByTestId('mention-count')).toHaveCount(0);
	await expect(a.getByText('읽지 않음')).toHaveCount(0);
	// Escape closes the panel and gives the focus back to the bell.
	await a.keyboard.press('Escape');
	await expect(a.getByTestId('mention-notice')).toHaveCount(0);
	await expect(a.getByTestId('mention-bell')).toBeFocused();
	await a.reload();
	await expect(a.getByTestId('mention-count')).toHaveCount(0);
});
