/**
 * The views of one roadmap's plan (outline, board, sector balance) over one live connection:
 * a board move by drag and by keyboard reaches the other editor, filters live in the URL and
 * narrow every view, and axe finds nothing on the board and the balance in either language.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
	closePeople,
	oneEditorOnNewRoadmap,
	person,
	sharedRoadmap,
	twoEditorsOnOneRoadmap,
	unique
} from './people';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test.use({ locale: 'ko-KR' });
test.afterEach(closePeople);

async function noAxeViolations(page: Page, what: string) {
	const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	expect(
		results.violations.map(
			(v) => `${what} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		)
	).toEqual([]);
}

/** Full-page screenshots at a tablet's and a desktop's width, kept as test artifacts. */
async function screenshots(page: Page, name: string) {
	for (const width of [768, 1440]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `test-results/views/${name}-${width}.png`, fullPage: true });
	}
}

const column = (page: Page, status: string) => page.locator(`[data-status="${status}"]`);
const card = (page: Page, id: string) => page.locator(`[data-card-id="${id}"]`);

test('a board move by drag and by keyboard reaches the other editor, and switching views keeps one socket', async ({
	browser,
	baseURL
}) => {
	const { pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!);
	const sockets: string[] = [];
	const closed: string[] = [];
	for (const page of [pageA, pageB])
		page.on('websocket', (ws) => {
			sockets.push(ws.url());
			ws.on('close', () => closed.push(ws.url()));
		});

	for (const page of [pageA, pageB]) {
		await page.getByTestId('view-switcher').getByRole('link', { name: '상태 보드' }).click();
		await expect(page).toHaveURL(/\/board$/);
		await expect(
			page.getByTestId('view-switcher').getByRole('link', { name: '상태 보드' })
		).toHaveAttribute('aria-current', 'page');
	}
	const planned = column(pageA, 'planned').getByTestId('board-card');
	await expect(planned).toHaveCount(20);

	// At 768 px the six columns scroll sideways within the board; a shade says on which side
	// more columns are hidden.
	const frame = pageA.getByTestId('board-frame');
	await pageA.setViewportSize({ width: 768, height: 900 });
	await expect(frame).toHaveAttribute('data-more', 'end');
	await pageA.getByTestId('board').evaluate((board) => (board.scrollLeft = board.scrollWidth));
	await expect(frame).toHaveAttribute('data-more', 'start');
	await pageA.setViewportSize({ width: 1280, height: 720 }); // the test's own size again
	await expect(frame).not.toHaveAttribute('data-more');
	await pageA.getByTestId('board').evaluate((board) => (board.scrollLeft = 0));

	// By mouse: A drags the first planned card onto "at risk"; B sees it there.
	const first = await planned.first().getAttribute('data-card-id');
	await planned.first().dragTo(column(pageA, 'at_risk'));
	await expect(column(pageA, 'at_risk').locator(`[data-card-id="${first}"]`)).toBeVisible();
	await expect(column(pageB, 'at_risk').locator(`[data-card-id="${first}"]`)).toBeVisible();
	await expect(column(pageB, 'planned').getByTestId('board-card')).toHaveCount(19);

	// By keyboard: B moves another card one column right with →; focus follows the card.
	const second = await column(pageB, 'planned')
		.getByTestId('board-card')
		.first()
		.getAttribute('data-card-id');
	await card(pageB, second!).getByRole('link').focus();
	await pageB.keyboard.press('ArrowRight');
	await expect(column(pageB, 'in_progress').locator(`[data-card-id="${second}"]`)).toBeVisible();
	await expect(card(pageB, second!).getByRole('link')).toBeFocused();
	await expect(pageB.getByTestId('board-announcement')).toContainText('진행 중');
	await expect(column(pageA, 'in_progress').locator(`[data-card-id="${second}"]`)).toBeVisible();
	// And with the card's own menu, which keeps focus on the menu.
	await card(pageB, second!).getByRole('combobox').selectOption('done');
	await expect(column(pageA, 'done').locator(`[data-card-id="${second}"]`)).toBeVisible();
	await expect(card(pageB, second!).getByRole('combobox')).toBeFocused();
	await expect(pageA.getByTestId('save-state')).toHaveText('저장됨');

	await noAxeViolations(pageA, 'board (ko, editor)');
	await screenshots(pageA, 'board-ko-editor');

	// A card's title opens its milestone in the outline (description, owners, comments), caret
	// in its title; back on the board, the next card is where it was.
	await card(pageB, second!).getByRole('link').click();
	await expect(pageB).toHaveURL(new RegExp(`/roadmaps/[^/]+\\?milestone=${second}$`));
	const opened = pageB.locator(`li[data-milestone-id="${second}"]`);
	await expect(opened).toHaveClass(/linked/);
	await expect(opened.locator('.ms-title textarea').first()).toBeFocused();
	await expect(opened).toBeInViewport();
	await expect(
		pageB.getByTestId('view-switcher').getByRole('link', { name: '상태 보드' })
	).toHaveAttribute('href', /\/board$/);
	await pageB.goBack();
	await expect(column(pageB, 'done').locator(`[data-card-id="${second}"]`)).toBeVisible();

	// The outline shows the same change; the balance flags tasks nobody owns yet.
	await pageA.getByTestId('view-switcher').getByRole('link', { name: '부문 균형' }).click();
	await expect(pageA.getByTestId('balance-row')).toHaveCount(5);
	await expect(pageA.getByTestId('balance-flags').first()).toContainText('주관 없음');
	await noAxeViolations(pageA, 'balance (ko, editor)');
	await pageA.getByTestId('view-switcher').getByRole('link', { name: '과제 목록' }).click();
	await expect(
		pageA.locator(`[data-milestone-id="${first}"]`).getByRole('combobox', { name: /상태/ })
	).toHaveValue('at_risk');
	await screenshots(pageA, 'outline-ko-editor');

	// Three views later, each page still has the one socket it opened with.
	expect(sockets).toEqual([]);
	expect(closed).toEqual([]);
	await expect(pageA.getByTestId('save-state')).toHaveText('저장됨');
});

test('filters narrow the outline, the board and the balance, travel with view switches and survive a reload', async ({
	page
}) => {
	// A public reader's page never asks for what it may not read (the comments are members').
	const refused: string[] = [];
	page.on('response', (r) => {
		if (r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
	});
	await page.goto('/');
	const demo = await page.locator('a[href^="/roadmaps/"]').first().getAttribute('href');
	await page.goto(demo!);
	await expect(page.getByTestId('task')).toHaveCount(5);
	await expect(page.getByTestId('view-only')).toHaveText('보기 전용');
	// Running (the filter navigates by script; before that, a choice waits for "apply").
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	// The page told the server its time zone (once idle), so the next render's "overdue" is this
	// reader's.
	const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
	await expect
		.poll(async () => (await page.context().cookies()).find((c) => c.name === 'tz')?.value)
		.toBe(encodeURIComponent(zone));

	// Government leads three tasks of the demo's five.
	// Focus stays on the control through the navigation that writes the filter into the URL.
	await page.getByRole('combobox', { name: /^부문/ }).focus();
	await page.getByRole('combobox', { name: /^부문/ }).selectOption('government');
	await expect(page).toHaveURL(/\?sector=government$/);
	await expect(page.getByTestId('task')).toHaveCount(3);
	await expect(page.getByTestId('filter-count')).toHaveText(/과제 5개 중 3개/);
	await expect(page.getByRole('combobox', { name: /^부문/ })).toBeFocused();

	await page.getByTestId('view-switcher').getByRole('link', { name: '상태 보드' }).click();
	await expect(page).toHaveURL(/\/board\?sector=government$/);
	const shownMilestones = Number(
		/이정표 (\d+)개 중 (\d+)개/.exec((await page.getByTestId('filter-count').textContent())!)![2]
	);
	await expect(page.getByTestId('board-card')).toHaveCount(shownMilestones);
	// The server renders the same board, filter and current view, before (or without) JavaScript.
	const html = await (await page.request.get(`${demo}/board?sector=government`)).text();
	expect(html.match(/data-testid="board-card"/g)).toHaveLength(shownMilestones);
	expect(html).toMatch(/data-view="board"[^>]*aria-current="page"/);
	expect(html).toMatch(/<option value="government" selected/);
	// A reader sees the board without anything to move it with.
	await expect(page.getByTestId('board').getByRole('button')).toHaveCount(0);
	await expect(page.getByTestId('board').getByRole('combobox')).toHaveCount(0);

	await page.getByTestId('view-switcher').getByRole('link', { name: '부문 균형' }).click();
	await expect(page).toHaveURL(/\/balance\?sector=government$/);
	await expect(page.getByTestId('balance-row')).toHaveCount(3);

	// Another criterion adds up; a reload shows the same; reset shows everything again.
	await page.getByLabel('마감').selectOption('overdue');
	await expect(page).toHaveURL(/\/balance\?sector=government&due=overdue$/);
	await page.getByLabel('마감').selectOption('');
	await page.reload();
	await expect(page.getByRole('combobox', { name: /^부문/ })).toHaveValue('government');
	await expect(page.getByTestId('balance-row')).toHaveCount(3);
	// The filter narrows the list, not the verdicts: each task reads as it does unfiltered.
	const filteredRows = await page.getByTestId('balance-row').allTextContents();
	await page.getByTestId('filter-reset').click();
	await expect(page).toHaveURL(/\/balance$/);
	await expect(page.getByTestId('balance-row')).toHaveCount(5);
	// A sector with several owners says who is on it in which role, not "2 involved".
	await expect(page.getByTestId('balance-roles')).toHaveText(['주관 1 · 협력 1']);
	const allRows = await page.getByTestId('balance-row').allTextContents();
	for (const row of filteredRows) expect(allRows).toContain(row);
	expect(refused).toEqual([]);
});

test('a filter chosen while the page is still loading applies once the page runs', async ({
	page
}) => {
	await page.goto('/');
	const demo = await page.locator('a[href^="/roadmaps/"]').first().getAttribute('href');
	// The page's code is held back: the server's page shows and its filter can be used, but nothing
	// runs yet.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(demo!, { waitUntil: 'commit' });
	await page.getByRole('combobox', { name: /^부문/ }).selectOption('government');
	await expect(page.getByTestId('task')).toHaveCount(5); // the server's page, not filtered yet
	release();
	await expect(page).toHaveURL(/\?sector=government$/);
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	await expect(page.getByTestId('task')).toHaveCount(3);
	await expect(page.getByRole('combobox', { name: /^부문/ })).toHaveValue('government');
	await page.unrouteAll({ behavior: 'ignoreErrors' });
});

for (const locale of ['ko-KR', 'en-US']) {
	test(`the board and the balance have no axe violations, for a reader and an editor (${locale})`, async ({
		browser,
		baseURL
	}) => {
		const lang = locale.slice(0, 2);
		const reader = await browser.newContext({ locale, baseURL });
		const page = await reader.newPage();
		await page.goto('/');
		const demo = await page.locator('a[href^="/roadmaps/"]').first().getAttribute('href');
		for (const view of ['board', 'balance']) {
			await page.goto(`${demo}/${view}`);
			await expect(page.getByTestId('save-state')).toHaveText(/최신 상태|Up to date/);
			await noAxeViolations(page, `${view} (${lang}, reader)`);
			await screenshots(page, `${view}-${lang}-reader`);
		}
		// At 768 px the balance table fits in both languages: an ordinary box, no shade, no extra
		// tab stop, and the page itself does not scroll sideways.
		await page.goto(`${demo}/balance`);
		await page.setViewportSize({ width: 768, height: 900 });
		const region = page.getByRole('region', {
			name: lang === 'ko' ? '부문 균형' : 'Sector balance'
		});
		await expect(region).toBeVisible();
		await expect(region).not.toHaveAttribute('data-more');
		await expect(region).not.toHaveAttribute('tabindex');
		const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
		expect(await pageWidth()).toBe(768);
		// Narrower than that, it scrolls by keyboard, shows a shade where more is hidden and keeps
		// the task column in sight, while the page stays put.
		await page.setViewportSize({ width: 520, height: 900 });
		await expect(region).toHaveAttribute('data-more', 'end');
		expect(await pageWidth()).toBe(520);
		const taskCell = page.getByTestId('balance-row').first().locator('th');
		const taskX = (await taskCell.boundingBox())!.x;
		await region.focus();
		await page.keyboard.press('ArrowRight');
		await expect(region).toHaveAttribute('data-more', /both|start/);
		expect((await taskCell.boundingBox())!.x).toBe(taskX);
		await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
		await expect(region).toHaveAttribute('data-more', 'start');
		await page.setViewportSize({ width: 1440, height: 900 });
		await expect(region).not.toHaveAttribute('data-more');
		await expect(region).not.toHaveAttribute('tabindex');
		// The board, narrower than its six columns, scrolls sideways within itself: a reader (who
		// moves no card) reaches the columns without cards, off to the side, from the board itself.
		await page.goto(`${demo}/board`);
		const board = page.getByTestId('board');
		await expect(board).not.toHaveAttribute('tabindex');
		await page.setViewportSize({ width: 768, height: 900 });
		await expect(board).toHaveAttribute('tabindex', '0');
		await expect(board).toHaveAttribute('role', 'region');
		await board.focus();
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => board.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
		await board.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
		await expect(page.locator('[data-status="cancelled"]')).toBeInViewport();
		await page.setViewportSize({ width: 1440, height: 900 });
		await expect(board).not.toHaveAttribute('tabindex');
		await page.goto(demo!);
		await screenshots(page, `outline-${lang}-reader`);
		await reader.close();

		const editor = await person(
			browser,
			baseURL!,
			lang === 'ko' ? '김민지 사무관' : 'Minji Kim',
			locale
		);
		const roadmapId = await sharedRoadmap(editor, []);
		const editing = await editor.context.newPage();
		for (const view of ['board', 'balance']) {
			await editing.goto(`/roadmaps/${roadmapId}/${view}`);
			await expect(editing.getByTestId('save-state')).toHaveText(/저장됨|Saved/);
			await noAxeViolations(editing, `${view} (${lang}, editor)`);
		}
		await screenshots(editing, `balance-${lang}-editor`);
	});
}

test('a status filter set on the timeline narrows its bars and the board, keeps the zoom and survives a reload', async ({
	browser,
	baseURL
}) => {
	const editor = await person(browser, baseURL!, '김민지 사무관');
	const roadmapId = await sharedRoadmap(editor, []);
	const page = await editor.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}/timeline?zoom=quarter`);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');

	// Two milestones get dates (bars); then the board puts the first of them at risk.
	const dated: string[] = [];
	for (let i = 0; i < 2; i++) {
		await page.getByTestId('give-dates').first().click();
		dated.push(
			(await page.locator('[data-testid="timeline-bar"]:focus').getAttribute('data-milestone-id'))!
		);
	}
	await expect(page.getByTestId('timeline-bar')).toHaveCount(2);
	const bar = (id: string) =>
		page.locator(`[data-testid="timeline-bar"][data-milestone-id="${id}"]`);
	await page.getByTestId('view-switcher').getByRole('link', { name: '상태 보드' }).click();
	await card(page, dated[0]).getByRole('combobox').selectOption('at_risk');
	await expect(column(page, 'at_risk').getByTestId('board-card')).toHaveCount(1);
	await page.getByTestId('view-switcher').getByRole('link', { name: '타임라인' }).click();
	await expect(page).toHaveURL(/\/timeline\?zoom=quarter$/);

	// On the timeline: only the at-risk bar is left, and no undated row; the zoom stays.
	await page.getByLabel('이정표 상태').selectOption('at_risk');
	await expect(page).toHaveURL(/\/timeline\?zoom=quarter&status=at_risk$/);
	await expect(page.getByRole('link', { name: '분기', exact: true })).toHaveAttribute(
		'aria-current',
		'true'
	);
	await expect(page.getByTestId('timeline-bar')).toHaveCount(1);
	await expect(bar(dated[0])).toBeVisible();
	await expect(page.getByTestId('give-dates')).toHaveCount(0);
	await expect(page.getByTestId('filter-count')).toHaveText(/과제 5개 중 1개, 이정표 20개 중 1개/);

	// A reload shows the same, once the live doc is in (the timeline draws from it).
	await page.reload();
	await expect(page.getByLabel('이정표 상태')).toHaveValue('at_risk');
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	await expect(page.getByTestId('timeline-bar')).toHaveCount(1);
	await expect(bar(dated[0])).toBeVisible();
	await expect(bar(dated[1])).toHaveCount(0);

	// The board under the same filter: the one card, in its column; a reload keeps it so.
	await page.getByTestId('view-switcher').getByRole('link', { name: '상태 보드' }).click();
	// The filter travels; the timeline's zoom does not (the board has none).
	await expect(page).toHaveURL(/\/board\?status=at_risk$/);
	await expect(page.getByTestId('board-card')).toHaveCount(1);
	await expect(column(page, 'at_risk').getByTestId('board-card')).toHaveCount(1);
	await page.reload();
	await expect(page.getByTestId('board-card')).toHaveCount(1);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	await expect(page.getByTestId('board-card')).toHaveCount(1);
	await expect(card(page, dated[0])).toBeVisible();

	// "All" brings every card back, and the address is the board's own.
	await page.getByLabel('이정표 상태').selectOption('');
	await expect(page).toHaveURL(/\/board$/);
	await expect(page.getByTestId('board-card')).toHaveCount(20);
});

test("the person filter offers every member, and the organization filter counts its people's milestones", async ({
	browser,
	baseURL
}) => {
	const officer = await person(browser, baseURL!, '김민지 사무관');
	const planner = await person(browser, baseURL!, '박서준 책임');
	// The planner works at an organization of their own founding; it owns nothing in the plan.
	const orgName = `이음 반도체 ${unique()}`;
	const founded = await planner.api.post('/organizations', {
		form: { name: orgName, sector: 'industry' },
		headers: { ...planner.origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(founded.status()).toBe(303);
	const roadmapId = await sharedRoadmap(officer, [planner]);
	const page = await officer.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');

	// Nobody owns anything yet, and still both members can be chosen.
	const personFilter = page.getByTestId('plan-filter').getByLabel('담당자');
	await expect(personFilter.getByRole('option')).toHaveText([
		'전체',
		'김민지 사무관',
		'박서준 책임'
	]);
	const orgFilter = page.getByTestId('plan-filter').getByLabel('기관');
	await expect(orgFilter.getByRole('option', { name: orgName })).toHaveCount(0);

	// The planner leads one milestone; their organization is now offered, and shows it.
	const ms = page.getByTestId('task').first().getByTestId('milestone').first();
	const msId = await ms.getAttribute('data-milestone-id');
	await ms.getByText('설명과 담당').click();
	await ms
		.getByRole('combobox', { name: '사람 또는 기관 선택' })
		.selectOption({ label: '박서준 책임' });
	await ms.getByRole('button', { name: '담당 지정' }).click();
	await expect(ms.getByTestId('owner')).toContainText('박서준 책임');

	await page.getByTestId('view-switcher').getByRole('link', { name: '상태 보드' }).click();
	// On the board first: a choice made while the outline is still on screen belongs to it.
	await expect(page.getByTestId('board')).toBeVisible();
	await orgFilter.selectOption({ label: orgName });
	await expect(page).toHaveURL(/\/board\?org=/);
	await expect(page.getByTestId('board-card')).toHaveCount(1);
	await expect(card(page, msId!)).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	await expect(page.getByTestId('board-card')).toHaveCount(1);

	// The officer, a member who owns nothing: the filter says so instead of showing everything.
	await personFilter.selectOption({ label: '김민지 사무관' });
	await expect(page.getByTestId('board-card')).toHaveCount(0);
	await expect(page.getByTestId('filter-nothing')).toHaveText('필터에 맞는 항목이 없습니다.');
	await orgFilter.selectOption('');
	await expect(page.getByTestId('board-card')).toHaveCount(0);
	await personFilter.selectOption({ label: '박서준 책임' });
	await expect(page.getByTestId('board-card')).toHaveCount(1);
	await expect(page.getByTestId('filter-nothing')).toHaveCount(0);
});

test('the board and the timeline use a wide screen, and an empty status takes little room on a narrow one', async ({
	page
}) => {
	await page.goto('/');
	const demo = await page.locator('a[href^="/roadmaps/"]').first().getAttribute('href');
	const noSideways = () =>
		page.evaluate(
			() => document.documentElement.scrollWidth <= document.documentElement.clientWidth
		);

	await page.setViewportSize({ width: 1920, height: 1000 });
	await page.goto(`${demo}/board`);
	await expect(page.getByTestId('save-state')).toHaveText('최신 상태');
	// A public reader sees no members: no person filter that could offer only "All".
	await expect(page.getByTestId('plan-filter').getByLabel('부문')).toBeVisible();
	await expect(page.getByTestId('plan-filter').getByLabel('담당자')).toHaveCount(0);
	const board = (await page.getByTestId('board').boundingBox())!;
	expect(board.width).toBeGreaterThan(1400);
	for (const column of await page.locator('[data-status]').all())
		expect((await column.boundingBox())!.width).toBeGreaterThan(200);
	expect(await noSideways()).toBe(true);
	await page.goto(`${demo}/timeline`);
	await expect(page.getByTestId('timeline')).toBeVisible();
	expect((await page.getByTestId('timeline').boundingBox())!.width).toBeGreaterThan(1400);
	expect(await noSideways()).toBe(true);

	// At a tablet's width the columns scroll sideways within the board, not the page, and an
	// empty one is short.
	await page.setViewportSize({ width: 768, height: 1000 });
	await page.goto(`${demo}/board?status=cancelled`);
	await expect(page.getByTestId('filter-nothing')).toBeVisible();
	for (const column of await page.locator('[data-status]').all())
		expect((await column.boundingBox())!.height).toBeLessThan(100);
	expect(await noSideways()).toBe(true);
	// The timeline says the same, without a screenful of empty grid under it.
	await page.goto(`${demo}/timeline?status=cancelled`);
	await expect(page.getByTestId('save-state')).toHaveText('최신 상태');
	await expect(page.getByTestId('filter-nothing')).toBeVisible();
	await expect(page.getByTestId('timeline')).toHaveCount(0);
	await page.goto(`${demo}/timeline`);
	await expect(page.getByTestId('timeline')).toBeVisible();
});

test('a title that is one long link wraps, and the outline does not scroll sideways', async ({
	browser,
	baseURL
}) => {
	const { page } = await oneEditorOnNewRoadmap(browser, baseURL!);
	const link = `https://www.msit.go.kr/bbs/view.do?${'sCode=user&mId=113&nttSeqNo=3185040&'.repeat(5)}`;
	await page.getByRole('textbox', { name: '과제 제목 (ko)' }).first().fill(link.slice(0, 190));
	// With no English title, its field shows the Korean one as a placeholder, the link included.
	const english = page.locator('.other-title textarea').first();
	await english.fill('');
	await expect(english).toHaveAttribute('placeholder', link.slice(0, 190));
	const noSideways = () =>
		page.evaluate(
			() => document.documentElement.scrollWidth <= document.documentElement.clientWidth
		);
	for (const width of [1440, 768]) {
		await page.setViewportSize({ width, height: 900 });
		await expect.poll(noSideways).toBe(true);
	}
});

test('at 768 px a milestone keeps its status and delete button together, its title readable', async ({
	browser,
	baseURL
}) => {
	const owner = await person(browser, baseURL!, 'Kim Minji', 'en-US');
	const roadmapId = await sharedRoadmap(owner, []);
	const page = await owner.context.newPage();
	await page.setViewportSize({ width: 768, height: 900 });
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('save-state')).toHaveText('Saved');
	// Its English title edited, the Korean one is out of date: two translation badges join the status.
	const milestone = page.getByTestId('task').first().getByTestId('milestone').first();
	const field = milestone.getByRole('textbox', { name: 'Milestone title' });
	await field.fill(`${await field.inputValue()} (revised)`);
	await expect(milestone.locator('.head')).toContainText('Korean: needs translation');
	await expect(milestone.getByRole('button', { name: /Mark as translated/ })).toBeVisible();
	const status = (await milestone.getByRole('combobox', { name: /^Status/ }).boundingBox())!;
	const remove = (await milestone
		.getByRole('button', { name: /^Delete milestone/ })
		.boundingBox())!;
	expect(Math.abs(status.y + status.height / 2 - (remove.y + remove.height / 2))).toBeLessThan(4);
	const title = (await milestone.locator('.ms-title').first().boundingBox())!;
	expect(title.width).toBeGreaterThan(300);
});

test('an organization with a long name widens no page: not the outline’s owner pickers, not the organizations list', async ({
	browser,
	baseURL
}) => {
	const { page } = await oneEditorOnNewRoadmap(browser, baseURL!);
	const longName = '한국반도체산업협회차세대메모리반도체기술개발및인력양성특별위원회'
		.repeat(5)
		.slice(0, 170);
	const created = await page.request.post('/organizations', {
		form: { name: longName, nameEn: '', sector: 'industry' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(created.status()).toBeLessThan(400);
	await page.reload();
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	// A milestone's own picker, inside its details.
	await page.getByTestId('task').first().locator('details summary').first().click();
	const noSideways = () =>
		page.evaluate(
			() => document.documentElement.scrollWidth <= document.documentElement.clientWidth
		);
	for (const width of [1440, 768]) {
		await page.setViewportSize({ width, height: 900 });
		await expect.poll(noSideways, `outline, ${width} px`).toBe(true);
	}
	await page.goto('/organizations');
	await expect(page.getByRole('link', { name: longName })).toBeVisible();
	for (const width of [1440, 768]) {
		await page.setViewportSize({ width, height: 900 });
		await expect.poll(noSideways, `organizations, ${width} px`).toBe(true);
	}
});

test('under a filter, each task says how many of its milestones the filter hides', async ({
	page
}) => {
	await page.goto('/');
	const demo = await page.locator('a[href^="/roadmaps/"]').first().getAttribute('href');
	await page.goto(`${demo}?status=in_progress`);
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	const tasks = await page.getByTestId('task').evaluateAll((cards) =>
		cards.map((card) => ({
			rows: card.querySelectorAll('.milestones li').length,
			hidden: Number(
				/\d+/.exec(
					card.querySelector('[data-testid="milestones-filtered-out"]')?.textContent ?? '0'
				)![0]
			),
			counted: Number(/이정표 (\d+)개 기준/.exec(card.textContent ?? '')?.[1])
		}))
	);
	expect(tasks.some((t) => t.hidden > 0)).toBe(true);
	// What is shown and what is hidden add up to what the progress counts (no cancelled ones here).
	for (const task of tasks) expect(task.rows + task.hidden).toBe(task.counted);
	await page.goto(demo!);
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	await expect(page.getByTestId('milestones-filtered-out')).toHaveCount(0);
});

test('the board is one keyboard stop per column: Tab goes column to column, arrows card to card', async ({
	browser,
	baseURL
}) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const reader = await person(browser, baseURL!, '이하늘 교수');
	const roadmapId = await sharedRoadmap(owner, [reader], 'viewer');
	const page = await owner.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}/board`);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	const titles = (status: string) => column(page, status).getByTestId('board-card').locator('a');
	const planned = titles('planned');
	await expect(planned.first()).toBeVisible();
	const ids = await column(page, 'planned')
		.getByTestId('board-card')
		.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-card-id')!));

	// The first card goes to "in progress" by →; focus follows it there.
	await planned.first().focus();
	await page.keyboard.press('ArrowRight');
	const moved = column(page, 'in_progress').locator(`[data-card-id="${ids[0]}"] a`);
	await expect(moved).toBeFocused();

	// Within a column, ↓ / ↑ / End / Home go from card to card.
	await planned.first().focus();
	await expect(planned.first()).toHaveAttribute('tabindex', '0');
	await page.keyboard.press('ArrowDown');
	await expect(card(page, ids[2]).getByRole('link')).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await expect(card(page, ids[1]).getByRole('link')).toBeFocused();
	await page.keyboard.press('End');
	await expect(planned.last()).toBeFocused();
	await page.keyboard.press('Home');
	await expect(planned.first()).toBeFocused();
	await page.keyboard.press('ArrowDown');

	// Tab leaves the column after the focused card's menu, skipping its other cards; the column
	// remembers the card, so Shift+Tab comes back to it.
	await page.keyboard.press('Tab');
	await expect(card(page, ids[2]).getByRole('combobox')).toBeFocused();
	// ↓ on the closed menu goes to the next card, as on a title: it does not move this one.
	await page.keyboard.press('ArrowDown');
	await expect(card(page, ids[3]).getByRole('link')).toBeFocused();
	await expect(column(page, 'planned').locator(`[data-card-id="${ids[2]}"]`)).toBeVisible();
	await page.keyboard.press('ArrowUp');
	await expect(card(page, ids[2]).getByRole('link')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(card(page, ids[2]).getByRole('combobox')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(moved).toBeFocused();
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Shift+Tab');
	await expect(card(page, ids[2]).getByRole('link')).toBeFocused();
	// One stop per column with cards, however many cards there are.
	await expect(page.getByTestId('board').locator('a[tabindex="0"]')).toHaveCount(2);
	expect(await planned.count()).toBeGreaterThan(10);
	await noAxeViolations(page, 'board keyboard (ko, editor)');

	// At a tablet's width the columns keep their places and the board scrolls sideways within
	// itself, not the page: ↓ goes to the card seen below, → moves a card to the column seen on
	// the right, which scrolls into view with it.
	await page.setViewportSize({ width: 768, height: 900 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(768);
	const box = async (l: Locator) => (await l.boundingBox())!;
	await card(page, ids[3]).getByRole('link').focus();
	await page.keyboard.press('ArrowDown');
	await expect(card(page, ids[4]).getByRole('link')).toBeFocused();
	const [upper, lower] = [await box(card(page, ids[3])), await box(card(page, ids[4]))];
	expect(lower.x).toBe(upper.x);
	expect(lower.y).toBeGreaterThan(upper.y);
	await page.keyboard.press('ArrowRight');
	const movedRight = column(page, 'in_progress').locator(`[data-card-id="${ids[4]}"]`);
	await expect(movedRight.getByRole('link')).toBeFocused();
	const right = await box(movedRight);
	expect(right.x).toBeGreaterThan(lower.x);
	expect(right.x + right.width).toBeLessThanOrEqual(768);
	await page.screenshot({ path: 'test-results/views/board-keyboard-768.png' });
	await noAxeViolations(page, 'board keyboard at 768 px');

	// A reader moves nothing: ← / → go from column to column instead.
	const readerPage = await reader.context.newPage();
	await readerPage.goto(`/roadmaps/${roadmapId}/board`);
	await expect(readerPage.getByTestId('board-hint')).toContainText('열과 열 사이');
	const readerCard = (id: string) => readerPage.locator(`[data-card-id="${id}"] a`);
	await readerCard(ids[1]).focus();
	await readerPage.keyboard.press('ArrowRight');
	await expect(readerCard(ids[0])).toBeFocused();
	await expect(
		readerPage.locator(`[data-status="in_progress"] [data-card-id="${ids[0]}"]`)
	).toBeVisible();
	await readerPage.keyboard.press('ArrowLeft');
	await expect(readerCard(ids[1])).toBeFocused();
	await readerPage.keyboard.press('ArrowDown');
	await expect(readerCard(ids[2])).toBeFocused();
	// Someone moves the card the reader is on: focus stays in the column, on the card now there.
	await card(page, ids[2]).getByRole('combobox').selectOption('done');
	await expect(readerPage.locator(`[data-status="done"] [data-card-id="${ids[2]}"]`)).toBeVisible();
	await expect(readerCard(ids[3])).toBeFocused();
	await readerPage.keyboard.press('ArrowUp');
	await expect(readerCard(ids[1])).toBeFocused();
	await expect(column(readerPage, 'planned').getByTestId('board-card')).toHaveCount(ids.length - 3);
});
