/**
 * The member list while the plan is open: a colleague who accepts an invitation appears in the
 * person filter and the owner picker without a reload, and is gone from both once removed; his own open page then says his access ended.
 */
import { expect, test, type Page } from '@playwright/test';
import { addMember, closePeople, person, sharedRoadmap } from './people';

test.afterEach(closePeople);

const personChoices = (page: Page) =>
	page.getByTestId('plan-filter').getByLabel('담당자').locator('option');
const ownerChoices = (page: Page) =>
	page.getByTestId('owner-picker').first().locator('optgroup[label="이 로드맵의 구성원"] option');

test('someone who joins or leaves shows in the filter and the owner picker at once', async ({
	browser,
	baseURL
}) => {
	const minji = await person(browser, baseURL!, '김민지 사무관');
	const jiho = await person(browser, baseURL!, '이지호 연구원');
	const roadmapId = await sharedRoadmap(minji, []);
	const page = await minji.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	await expect(personChoices(page).filter({ hasText: '이지호 연구원' })).toHaveCount(0);
	await expect(ownerChoices(page)).toHaveText(['김민지 사무관']);

	// 이지호 accepts an invitation link in his own browser.
	const invitation = await minji.api.post(`/api/v1/roadmaps/${roadmapId}/invitations`, {
		data: { role: 'editor' },
		headers: minji.origin
	});
	const { token } = (await invitation.json()) as { token: string };
	const accepted = await jiho.api.post(`/api/v1/invitations/${token}/accept`, {
		headers: jiho.origin
	});
	expect(accepted.status()).toBe(200);
	await expect(personChoices(page).filter({ hasText: '이지호 연구원' })).toHaveCount(1);
	await expect(ownerChoices(page)).toHaveText(['김민지 사무관', '이지호 연구원']);
	const jihoId = ((await (await jiho.api.get('/api/v1/me')).json()) as { id: string }).id;
	const jihoPage = await jiho.context.newPage();
	await jihoPage.goto(`/roadmaps/${roadmapId}`);
	await expect(jihoPage.getByTestId('save-state')).toHaveText('저장됨');

	// Removed on the members page (another tab): gone from both, still without a reload.
	const removed = await minji.api.post(`/roadmaps/${roadmapId}/members?/remove`, {
		form: { userId: jihoId },
		headers: { ...minji.origin, accept: 'application/json' }
	});
	expect(removed.status()).toBe(200);
	await expect(ownerChoices(page)).toHaveText(['김민지 사무관']);
	await expect(personChoices(page).filter({ hasText: '이지호 연구원' })).toHaveCount(0);
	// His open page says his access ended, and no longer offers to save or to reconnect.
	await expect(jihoPage.getByText('이 로드맵에 대한 권한이 없어졌습니다.')).toBeVisible();
	await expect(jihoPage.getByTestId('save-state')).toHaveText('권한 없음');
	// The roadmap's header no longer names his old role, nor offers the members' tabs.
	await expect(jihoPage.getByText('내 역할: 없음')).toBeVisible();
	await expect(jihoPage.getByText('내 역할: 편집자')).toHaveCount(0);
	await expect(jihoPage.getByRole('link', { name: '구성원' })).toHaveCount(0);
	// One state, not two: the save state says "no access", with no role badge ("view only",
	// "comment only") beside it; and nothing offers to comment.
	await expect(jihoPage.getByTestId('view-only')).toHaveCount(0);
	await jihoPage.getByTestId('comments-toggle').first().click();
	await expect(jihoPage.getByTestId('comment-thread').first()).toBeVisible();
	await expect(jihoPage.getByTestId('comment-input')).toHaveCount(0);
});

test('someone removed from a roadmap with a public link reads on as the public does', async ({
	browser,
	baseURL
}) => {
	const minji = await person(browser, baseURL!, '김민지 사무관');
	const jiho = await person(browser, baseURL!, '이지호 연구원');
	const roadmapId = await sharedRoadmap(minji, [jiho]);
	const turnedOn = await minji.api.post(`/roadmaps/${roadmapId}/settings?/publicRead`, {
		form: { publicRead: 'true' },
		headers: { ...minji.origin, accept: 'application/json' }
	});
	expect(turnedOn.status()).toBe(200);
	const jihoId = ((await (await jiho.api.get('/api/v1/me')).json()) as { id: string }).id;
	const jihoPage = await jiho.context.newPage();
	await jihoPage.goto(`/roadmaps/${roadmapId}`);
	await expect(jihoPage.getByText('내 역할: 편집자')).toBeVisible();
	await expect(jihoPage.getByTestId('save-state')).toHaveText('저장됨');

	const removed = await minji.api.post(`/roadmaps/${roadmapId}/members?/remove`, {
		form: { userId: jihoId },
		headers: { ...minji.origin, accept: 'application/json' }
	});
	expect(removed.status()).toBe(200);
	// The page stays (anyone may read it) and says what he is now, without a reload.
	await expect(jihoPage.getByText('공개 링크로 보고 있습니다.')).toBeVisible();
	await expect(jihoPage.getByText('내 역할: 공개 링크 열람')).toBeVisible();
	await expect(jihoPage.getByText('내 역할: 편집자')).toHaveCount(0);
	await expect(jihoPage.getByRole('link', { name: '구성원' })).toHaveCount(0);
	await expect(jihoPage.getByTestId('view-only')).toBeVisible();
});

test('a role given or taken, and a new title, reach the open page without a reload', async ({
	browser,
	baseURL
}) => {
	const minji = await person(browser, baseURL!, '김민지 사무관');
	const jiho = await person(browser, baseURL!, '이지호 연구원');
	const roadmapId = await sharedRoadmap(minji, [jiho], 'commenter');
	const jihoId = ((await (await jiho.api.get('/api/v1/me')).json()) as { id: string }).id;
	const page = await jiho.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	// A commenter is told what he can do: comment, not "view only".
	await expect(page.getByTestId('view-only')).toHaveText('댓글만 가능');
	await expect(page.getByText('읽고 댓글을 달 수 있습니다')).toBeVisible();
	await expect(page.getByText('내 역할: 댓글 작성자')).toBeVisible();
	await expect(page.getByRole('textbox', { name: '과제 제목 (ko)' })).toHaveCount(0);

	const setRole = (role: string) =>
		minji.api.post(`/roadmaps/${roadmapId}/members?/setRole`, {
			form: { userId: jihoId, role },
			headers: { ...minji.origin, accept: 'application/json' }
		});
	expect((await setRole('editor')).status()).toBe(200);
	await expect(page.getByText('내 역할: 편집자')).toBeVisible();
	await expect(page.getByTestId('view-only')).toHaveCount(0);
	const title = page.getByRole('textbox', { name: '과제 제목 (ko)' }).first();
	await title.fill('역할을 받고 고친 제목');
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');

	expect((await setRole('viewer')).status()).toBe(200);
	await expect(page.getByText('내 역할: 보기 전용')).toBeVisible();
	await expect(page.getByTestId('view-only')).toHaveText('보기 전용');
	await expect(page.getByRole('textbox', { name: '과제 제목 (ko)' })).toHaveCount(0);

	const renamed = await minji.api.post(`/roadmaps/${roadmapId}/settings?/rename`, {
		form: { title: '이름을 바꾼 로드맵', titleEn: '' },
		headers: { ...minji.origin, accept: 'application/json' }
	});
	expect(renamed.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('이름을 바꾼 로드맵');
});

test('an owner lowering their own role is asked first, and keeps it on saying no', async ({
	browser,
	baseURL
}) => {
	const minji = await person(browser, baseURL!, '김민지 사무관');
	const jiho = await person(browser, baseURL!, '이지호 연구원');
	// Two owners: the only owner's role has no menu at all.
	const roadmapId = await sharedRoadmap(minji, [jiho], 'owner');
	const page = await minji.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}/members`);
	const mine = page
		.getByTestId('members')
		.getByRole('row')
		.filter({ hasText: '김민지 사무관' })
		.locator('form[action="?/setRole"]');
	const asked: string[] = [];
	const answer = (accept: boolean) =>
		page.once('dialog', (dialog) => {
			asked.push(dialog.message());
			void (accept ? dialog.accept() : dialog.dismiss());
		});
	await mine.getByRole('combobox', { name: '역할' }).selectOption('viewer');
	answer(false);
	await mine.getByRole('button', { name: '변경' }).click();
	await expect
		.poll(() => asked)
		.toEqual([
			'내 역할을 보기 전용 역할로 바꾸면 이 로드맵을 관리할 수 없게 되고, 스스로 되돌릴 수도 없습니다. 바꿀까요?'
		]);
	await page.reload();
	await expect(page.getByText('내 역할: 소유자')).toBeVisible();

	await mine.getByRole('combobox', { name: '역할' }).selectOption('viewer');
	answer(true);
	await mine.getByRole('button', { name: '변경' }).click();
	await expect(page.getByText('내 역할: 보기 전용')).toBeVisible();
});

test('a reader whose role changes while reading keeps their place on the page', async ({
	browser,
	baseURL
}) => {
	const minji = await person(browser, baseURL!, '김민지 사무관');
	const jiho = await person(browser, baseURL!, '이지호 연구원');
	const roadmapId = await sharedRoadmap(minji, [jiho], 'editor');
	const jihoId = ((await (await jiho.api.get('/api/v1/me')).json()) as { id: string }).id;
	const page = await jiho.context.newPage();
	await page.setViewportSize({ width: 768, height: 900 });
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	// Reading the fourth task, its header near the top of the window.
	const fourth = page.getByTestId('task').nth(3);
	const fourthId = (await fourth.getAttribute('data-task-id'))!;
	await fourth.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	await page.waitForTimeout(300);
	const topBefore = (await fourth.boundingBox())!.y;

	const setRole = (role: string) =>
		minji.api.post(`/roadmaps/${roadmapId}/members?/setRole`, {
			form: { userId: jihoId, role },
			headers: { ...minji.origin, accept: 'application/json' }
		});
	expect((await setRole('viewer')).status()).toBe(200);
	await expect(page.getByTestId('view-only')).toHaveText('보기 전용');
	await page.waitForTimeout(500);
	const topAfter = (await page.locator(`[data-task-id="${fourthId}"]`).boundingBox())!.y;
	expect(Math.abs(topAfter - topBefore)).toBeLessThan(60);
});

test('the members page lists owners first, then editors, commenters and viewers', async ({
	browser,
	baseURL
}) => {
	// Names that sort the other way: by name alone the owner would come last.
	const owner = await person(browser, baseURL!, '황하은 과장');
	const viewer = await person(browser, baseURL!, '가윤서 연구원');
	const editor = await person(browser, baseURL!, '나도현 책임');
	const roadmapId = await sharedRoadmap(owner, [viewer], 'viewer');
	await addMember(owner, roadmapId, editor, 'editor');
	const page = await owner.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}/members`);
	const rows = page.getByTestId('members').getByRole('row');
	await expect(rows).toHaveCount(4); // the header and three people
	await expect(rows.nth(1)).toContainText('황하은 과장');
	await expect(rows.nth(2)).toContainText('나도현 책임');
	await expect(rows.nth(3)).toContainText('가윤서 연구원');
});
