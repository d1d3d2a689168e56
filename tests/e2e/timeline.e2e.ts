/**
 * The timeline with two editors on one roadmap: a milestone given dates, dragged, resized from
 * its end and moved by keyboard on one page is rescheduled on the other, live. A viewer sees
 * the bars but cannot move them. axe-core finds nothing in Korean or English; screenshots at 768
 * and 1440 px wide are kept as artefacts.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
	addMember,
	closePeople,
	oneEditorOnNewRoadmap,
	person,
	sharedRoadmap,
	twoEditorsOnOneRoadmap
} from './people';

test.afterEach(closePeople);

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** YYYY-MM-DD `days` after `date`. */
const plus = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function openTimeline(page: Page, roadmapId: string, zoom = 'month', saved = '저장됨') {
	await page.goto(`/roadmaps/${roadmapId}/timeline?zoom=${zoom}`);
	await expect(page.getByTestId('save-state')).toHaveText(saved);
	await expect(page.getByTestId('timeline')).toBeVisible();
}

/** Gives the first undated milestone dates (today for a week); returns its bar. */
async function giveFirstDates(page: Page): Promise<Locator> {
	const button = page.getByTestId('give-dates').first();
	await button.click();
	const bar = page.locator('[data-testid="timeline-bar"]:focus');
	await expect(bar).toHaveCount(1);
	return page.locator(`[data-milestone-id="${await bar.getAttribute('data-milestone-id')}"]`);
}

const span = async (bar: Locator) => ({
	start: await bar.getAttribute('data-start'),
	due: await bar.getAttribute('data-due')
});

test('dragging, resizing and keying a bar reschedules the milestone for the other editor', async ({
	browser,
	baseURL
}) => {
	const { pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!, '/timeline?zoom=month');
	await expect(pageA.getByTestId('timeline')).toBeVisible();
	await expect(pageA.getByTestId('view-only')).toHaveCount(0);

	// A gives an undated milestone dates: a one-week bar from today, on both pages.
	const barA = await giveFirstDates(pageA);
	const id = await barA.getAttribute('data-milestone-id');
	const barB = pageB.locator(`[data-milestone-id="${id}"]`);
	const given = await span(barA);
	expect(given.due).toBe(plus(given.start!, 6));
	await expect(barB).toHaveAttribute('data-start', given.start!);
	// Hovering a bar tells its title and dates (names are cut short on a narrow screen).
	await expect(barB).toHaveAttribute('title', / · \d{4}년 \d{1,2}월 \d{1,2}일 – \d{4}년 /);

	// A drags the bar three days later (24 px a day at month zoom); the new dates show while
	// dragging, and nothing reaches B before the drop.
	const box = (await barA.boundingBox())!;
	await pageA.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await pageA.mouse.down();
	await pageA.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
	await pageA.mouse.move(box.x + box.width / 2 + 72, box.y + box.height / 2, { steps: 4 });
	await expect(barA).toHaveAttribute('data-start', plus(given.start!, 3));
	await expect(pageA.locator('.dates.live')).toBeVisible();
	await expect(barB).toHaveAttribute('data-start', given.start!);
	await pageA.mouse.up();
	await expect(barB).toHaveAttribute('data-start', plus(given.start!, 3));
	await expect(barB).toHaveAttribute('data-due', plus(given.due!, 3));

	// A stretches its end two days; only the due date changes.
	const moved = (await barA.boundingBox())!;
	await pageA.mouse.move(moved.x + moved.width - 4, moved.y + moved.height / 2);
	await pageA.mouse.down();
	await pageA.mouse.move(moved.x + moved.width - 4 + 48, moved.y + moved.height / 2, {
		steps: 5
	});
	await pageA.mouse.up();
	await expect(barB).toHaveAttribute('data-start', plus(given.start!, 3));
	await expect(barB).toHaveAttribute('data-due', plus(given.due!, 5));

	// Dragging the start past the due date stops at the due date: never an invalid span.
	const stretched = (await barA.boundingBox())!;
	await pageA.mouse.move(stretched.x + 4, stretched.y + stretched.height / 2);
	await pageA.mouse.down();
	await pageA.mouse.move(stretched.x + 4 + 24 * 12, stretched.y + stretched.height / 2, {
		steps: 6
	});
	await pageA.mouse.up();
	await expect(barB).toHaveAttribute('data-start', plus(given.due!, 5));
	await expect(barB).toHaveAttribute('data-due', plus(given.due!, 5));
	const oneDay = plus(given.due!, 5);

	// By keyboard: → a day later, Shift+→ the due date a day later, PageDown a week later,
	// Ctrl+← the start a day earlier. Each reaches B, and is announced.
	await barA.focus();
	await pageA.keyboard.press('ArrowRight');
	await expect(barB).toHaveAttribute('data-start', plus(oneDay, 1));
	await expect(barB).toHaveAttribute('data-due', plus(oneDay, 1));
	await pageA.keyboard.press('Shift+ArrowRight');
	await expect(barB).toHaveAttribute('data-due', plus(oneDay, 2));
	await expect(barB).toHaveAttribute('data-start', plus(oneDay, 1));
	await pageA.keyboard.press('PageDown');
	await expect(barB).toHaveAttribute('data-start', plus(oneDay, 8));
	await expect(barB).toHaveAttribute('data-due', plus(oneDay, 9));
	await pageA.keyboard.press('Control+ArrowLeft');
	await expect(barB).toHaveAttribute('data-start', plus(oneDay, 7));
	await expect(barB).toHaveAttribute('data-due', plus(oneDay, 9));
	await expect(pageA.getByTestId('timeline-announce')).toContainText(
		(await barA.getAttribute('aria-label'))!.split(',')[0]
	);
	// Shift+← cannot pull the due date before the start.
	for (let i = 0; i < 4; i++) await pageA.keyboard.press('Shift+ArrowLeft');
	await expect(barB).toHaveAttribute('data-due', plus(oneDay, 7));
	await expect(barB).toHaveAttribute('data-start', plus(oneDay, 7));
	await expect(barA).toBeFocused();

	// The zoom is in the address; the bar is still there at year zoom.
	await pageB.getByRole('link', { name: '연도', exact: true }).click();
	await expect(pageB).toHaveURL(/zoom=year/);
	await expect(barB).toHaveAttribute('data-start', plus(oneDay, 7));
});

test('a viewer sees the bars, marked view only, and cannot move them', async ({
	browser,
	baseURL
}) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const viewer = await person(browser, baseURL!, '이수진 주무관');
	const roadmapId = await sharedRoadmap(owner, []);
	await addMember(owner, roadmapId, viewer, 'viewer');
	const pageO = await owner.context.newPage();
	await openTimeline(pageO, roadmapId);
	const barO = await giveFirstDates(pageO);
	const before = await span(barO);

	const pageV = await viewer.context.newPage();
	await pageV.goto(`/roadmaps/${roadmapId}/timeline?zoom=month`);
	await expect(pageV.getByTestId('view-only')).toHaveText('보기 전용');
	await expect(pageV.getByTestId('give-dates')).toHaveCount(0);
	const barV = pageV.locator(
		`[data-milestone-id="${await barO.getAttribute('data-milestone-id')}"]`
	);
	await expect(barV).toHaveAttribute('data-start', before.start!);

	const box = (await barV.boundingBox())!;
	await pageV.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await pageV.mouse.down();
	await pageV.mouse.move(box.x + box.width / 2 + 96, box.y + box.height / 2, { steps: 5 });
	await pageV.mouse.up();
	await barV.focus();
	await pageV.keyboard.press('ArrowRight');
	await pageV.keyboard.press('PageDown');
	// The owner's page gets any change the viewer could have made within a moment; there is none.
	await pageO.waitForTimeout(500);
	expect(await span(barV)).toEqual(before);
	expect(await span(barO)).toEqual(before);

	// Enter on a bar opens its milestone in the outline, brought into view and focused (the
	// timeline's zoom stays behind: the outline has none).
	const id = await barV.getAttribute('data-milestone-id');
	await barV.focus();
	await pageV.keyboard.press('Enter');
	await expect(pageV).toHaveURL(new RegExp(`/roadmaps/${roadmapId}\\?milestone=${id}$`));
	const opened = pageV.locator(`li[data-milestone-id="${id}"]`);
	await expect(opened).toBeFocused();
	await expect(opened).toHaveClass(/linked/);
	await expect(opened).toBeInViewport();
	// And the row's title does the same for the mouse.
	const title = await opened.locator('.ms-title').first().innerText();
	await pageV.goBack();
	await pageV.locator('.ms-label a', { hasText: title }).first().click();
	await expect(pageV).toHaveURL(new RegExp(`milestone=${id}$`));
	await expect(opened).toBeFocused();
});

test('a milestone with a start date only is drawn as a start flag, not as a deadline', async ({
	browser,
	baseURL
}) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const roadmapId = await sharedRoadmap(owner, []);
	const page = await owner.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	const ms = page.getByTestId('task').first().getByTestId('milestone').first();
	const id = (await ms.getAttribute('data-milestone-id'))!;
	const start = ms.getByRole('textbox', { name: /^이정표 시작일/ });
	await start.focus();
	await start.pressSequentially('2026.06.01');
	await start.press('Enter');
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');

	await openTimeline(page, roadmapId, 'year');
	const bar = page.locator(`[data-milestone-id="${id}"]`);
	await expect(bar).toHaveAttribute('data-start', '2026-06-01');
	await expect(bar).toHaveAttribute('data-due', '');
	await expect(bar).toHaveClass(/\bstart-only\b/);
	await expect(bar).toHaveAttribute('aria-label', /, 2026년 6월 1일 시작, /);
	await expect(page.getByRole('list', { name: '범례' })).toContainText('시작일만 있는 이정표');
	// A due date makes it a bar like any other.
	await bar.focus();
	await page.keyboard.press('Shift+PageDown');
	await expect(bar).toHaveAttribute('data-due', '2026-06-08');
	await expect(bar).not.toHaveClass(/\bstart-only\b/);
});

for (const [locale, saved] of [
	['ko-KR', '저장됨'],
	['en-US', 'Saved']
] as const) {
	test(`the timeline has no axe violations and is kept as screenshots (${locale})`, async ({
		browser,
		baseURL
	}, testInfo) => {
		const a = await person(
			browser,
			baseURL!,
			locale === 'ko-KR' ? '김민지 사무관' : 'Minji Kim',
			locale
		);
		const roadmapId = await sharedRoadmap(a, []);
		const page = await a.context.newPage();
		await page.setViewportSize({ width: 1440, height: 900 });
		await openTimeline(page, roadmapId, 'quarter', saved);
		// A few milestones dated and spread out, one of them overdue, so every kind of mark shows.
		for (let i = 0; i < 4; i++) {
			const bar = await giveFirstDates(page);
			for (let k = 0; k < i * 3; k++) await page.keyboard.press('PageDown');
			if (i === 1) for (let k = 0; k < 8; k++) await page.keyboard.press('Shift+PageDown');
			if (i === 3) for (let k = 0; k < 18; k++) await page.keyboard.press('PageUp');
			await expect(bar).toBeFocused();
		}
		const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
		expect(
			results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)
		).toEqual([]);
		const tag = locale.slice(0, 2);
		for (const width of [1440, 768]) {
			await page.setViewportSize({ width, height: 900 });
			await page.screenshot({ path: testInfo.outputPath(`timeline-${tag}-${width}.png`) });
		}
		// At 768 px a long milestone name takes two lines rather than one line of ellipsis.
		const name = page.getByTestId('timeline').locator('.ms-label .text').first();
		const lines = await name.evaluate(
			(el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)
		);
		expect(Math.round(lines)).toBe(2);
		await page.goto(`/roadmaps/${roadmapId}/timeline?zoom=month`);
		await expect(page.getByTestId('timeline')).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath(`timeline-${tag}-768-month.png`) });

		// Scrolled past every bar, each dated row says at the edge where its bar is, with its
		// dates; back at the start, the bars beyond the right edge say so there.
		const scroller = page.getByTestId('timeline').locator('.scroller');
		const away = page.getByTestId('timeline-away');
		await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
		await expect(away.first()).toHaveText(/^◀ /);
		await expect(away.first()).toBeInViewport();
		await scroller.evaluate((el) => el.scrollTo({ left: 0 }));
		await expect(away.filter({ hasText: /▶$/ }).first()).toBeInViewport();
		await page.screenshot({ path: testInfo.outputPath(`timeline-${tag}-768-edge.png`) });
	});
}

test('on a narrow screen the today line passes behind the undated milestones’ buttons, not through their words', async ({
	browser,
	baseURL
}) => {
	const { page, roadmapId } = await oneEditorOnNewRoadmap(browser, baseURL!);
	await page.setViewportSize({ width: 768, height: 900 });
	// In English, whose label is the longer: today is a third of the way into the axis, and the
	// buttons, pinned at its start, reach past it.
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await openTimeline(page, roadmapId, 'month', 'Saved');
	const hits = await page.evaluate(() => {
		const todayLine = document.querySelector<HTMLElement>('.today-line')!;
		// Hit-testable for the probe (it lets clicks through to what it crosses).
		todayLine.style.pointerEvents = 'auto';
		const line = todayLine.getBoundingClientRect();
		const x = line.left + line.width / 2;
		return [...document.querySelectorAll('[data-testid="give-dates"]')]
			.map((button) => ({ button, box: button.getBoundingClientRect() }))
			.filter(({ box }) => box.left < x && x < box.right && box.top > 0 && box.bottom < innerHeight)
			.map(({ button, box }) =>
				button.contains(document.elementFromPoint(x, box.top + box.height / 2))
			);
	});
	expect(hits.length).toBeGreaterThan(0);
	expect(hits.every(Boolean)).toBe(true);
});

for (const locale of ['en-US', 'ko-KR']) {
	test.describe(locale, () => {
		test.use({ locale });
		test(`the axis names each time unit left in view, none cut under the milestone names or by the today badge (${locale})`, async ({
			page
		}) => {
			await page.goto('/');
			const demo = await page.locator('a[href^="/roadmaps/"]').first().getAttribute('href');
			await page.setViewportSize({ width: 768, height: 900 });
			for (const zoom of ['month', 'quarter', 'year']) {
				await page.goto(`${demo}/timeline?zoom=${zoom}`);
				await expect(page.getByTestId('timeline')).toBeVisible();
				await expect(page.locator('html')).toHaveAttribute('lang', locale.slice(0, 2));
				if (zoom === 'year') {
					// The year zoom draws the whole plan in the view: nothing to scroll, all named.
					await expect
						.poll(() => page.locator('.scroller').evaluate((el) => el.scrollWidth - el.clientWidth))
						.toBeLessThanOrEqual(0);
					expectNamedOrBlank(zoom, await axisTicks(page));
					continue;
				}
				// Opened with today a third of the way in: the first units are scrolled under the names.
				const opened = await axisTicks(page);
				const partlyScrolled = opened.filter((t) => t.inView > 0 && t.labelLeft < 40);
				expect(partlyScrolled.length, `${zoom}: a unit starts under the names`).toBeGreaterThan(0);
				expectNamedOrBlank(zoom, opened);
				// Whatever today's date: a week or month with a sliver left in view (16 px), and one with
				// just room for its name.
				for (const leftInView of [16, 50]) {
					await page.locator('.scroller').evaluate((el, px) => {
						const edge = el.querySelector('.corner')!.getBoundingClientRect().right;
						const next = [...el.querySelectorAll('.axis .tick.minor')]
							.map((t) => t.getBoundingClientRect().right - edge)
							.find((right) => right > px + 20);
						el.scrollLeft += next! - px;
					}, leftInView);
					await expect
						.poll(async () =>
							(await axisTicks(page)).some((t) => Math.round(t.inView) === leftInView)
						)
						.toBe(true);
					expectNamedOrBlank(`${zoom}, ${leftInView} px`, await axisTicks(page));
				}
			}
		});
	});
}

type AxisTick = {
	text: string;
	major: boolean;
	inView: number;
	freeInView: number;
	labelLeft: number;
	labelFits: boolean;
	clearOfToday: number;
	shown: boolean;
};

/**
 * The axis' units as the reader sees them, measured between the edge of the milestone names
 * and the right edge of the view.
 */
function axisTicks(page: Page): Promise<AxisTick[]> {
	return page.evaluate(() => {
		const edge = document.querySelector('.corner')!.getBoundingClientRect().right;
		const scroller = document.querySelector<HTMLElement>('.scroller')!;
		const viewRight =
			scroller.getBoundingClientRect().left + scroller.clientLeft + scroller.clientWidth;
		const today = document.querySelector('.today-label')!.getBoundingClientRect();
		return [...document.querySelectorAll<HTMLElement>('.axis .tick')].map((tick) => {
			const box = tick.getBoundingClientRect();
			const right = Math.min(box.right, viewRight);
			const text = document.createRange();
			text.selectNodeContents(tick);
			const label = text.getBoundingClientRect();
			return {
				text: tick.textContent!.trim(),
				major: tick.classList.contains('major'),
				inView: right - Math.max(box.left, edge),
				// The widest stretch of it in view that the "today" badge leaves free.
				freeInView: Math.max(
					Math.min(right, today.left) - Math.max(box.left, edge),
					right - Math.max(box.left, edge, today.right)
				),
				labelLeft: label.left - edge,
				// Whole in its unit and in the view (not "1" of "11" at the right edge).
				labelFits: label.right <= right + 0.5,
				// How far the label keeps from the "today" badge (negative: they overlap).
				clearOfToday: tick.classList.contains('major')
					? Infinity
					: Math.max(today.left - label.right, label.left - today.right),
				shown: getComputedStyle(tick).color !== 'rgba(0, 0, 0, 0)'
			};
		});
	});
}

function expectNamedOrBlank(when: string, ticks: AxisTick[]) {
	// (A unit with no name of its own is one of several that one name stands for.)
	for (const tick of ticks.filter((t) => t.inView > 0 && t.text)) {
		const where = `${when}: "${tick.text}" with ${Math.round(tick.inView)} px in view`;
		// Shown whole and beside the names, or not at all.
		if (tick.shown) expect(tick.labelLeft, where).toBeGreaterThanOrEqual(-0.5);
		if (tick.shown) expect(tick.labelFits, where).toBe(true);
		if (tick.shown && tick.text) expect(tick.clearOfToday, where).toBeGreaterThanOrEqual(6);
		// A unit with room for its name says it; beside the "today" badge (on the minor units'
		// row) it needs room for the gap too.
		const room = tick.major ? 96 : tick.freeInView < tick.inView - 1 ? 72 : 44;
		if ((tick.major ? tick.inView : tick.freeInView) >= room) expect(tick.shown, where).toBe(true);
	}
}

test('a task’s own planned dates show on its row, and the axis reaches them', async ({
	browser,
	baseURL
}) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const roadmapId = await sharedRoadmap(owner, []);
	const page = await owner.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	const task = page.getByTestId('task').first();
	const schedule = task.getByTestId('task-schedule');
	for (const [label, day] of [
		[/^시작일 \(/, '2027.01.01'],
		[/^마감일 \(/, '2029.12.31']
	] as const) {
		const field = schedule.getByRole('textbox', { name: label });
		await field.fill(day);
		await field.press('Enter');
	}
	const due = task
		.getByTestId('milestone')
		.first()
		.getByRole('textbox', { name: /^이정표 마감일/ });
	await due.fill('2027.02.17');
	await due.press('Enter');
	// Another task's milestone at the very end of the axis.
	const last = page.getByTestId('task').nth(1).getByTestId('milestone').first();
	const lastId = (await last.getAttribute('data-milestone-id'))!;
	const lastDue = last.getByRole('textbox', { name: /^이정표 마감일/ });
	await lastDue.fill('2029.12.31');
	await lastDue.press('Enter');
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');

	await openTimeline(page, roadmapId, 'year');
	const planned = page.getByRole('img', {
		name: '과제 1 계획 기간: 2027년 1월 1일 – 2029년 12월 31일'
	});
	await expect(planned).toBeVisible();
	const covered = page.getByRole('img', { name: /^과제 1 기간: / });
	const [plannedBox, coveredBox] = [(await planned.boundingBox())!, (await covered.boundingBox())!];
	// The plan runs three years; its milestones cover less than one, inside it.
	expect(plannedBox.width).toBeGreaterThan(coveredBox.width * 2);
	expect(plannedBox.x).toBeLessThanOrEqual(coveredBox.x);
	await expect(page.getByTestId('timeline')).toContainText('2029');
	await expect(page.getByRole('list', { name: '범례' })).toContainText('과제: 자체 계획 기간');
	// A bar at the right edge of the view says its dates before itself, not past the edge, cut off.
	const scroller = page.getByTestId('timeline').locator('.scroller');
	const endBar = page.locator(`[data-testid="timeline-bar"][data-milestone-id="${lastId}"]`);
	const view = (await scroller.boundingBox())!;
	const barBox = (await endBar.boundingBox())!;
	const shift = barBox.x + barBox.width - (view.x + view.width - 20);
	await scroller.evaluate((el, by) => el.scrollBy({ left: by }), shift);
	await endBar.focus();
	const dates = page.getByTestId('timeline').locator('.dates');
	await expect(dates).toHaveText('2029년 12월 31일');
	const label = (await dates.boundingBox())!;
	expect(label.x + label.width).toBeLessThanOrEqual(view.x + view.width);
	expect(label.x).toBeGreaterThanOrEqual(view.x);
	await page.screenshot({ path: test.info().outputPath('timeline-task-planned.png') });
});

/**
 * Each header row's labels as shown, left to right: none may meet the next (4 px apart at
 * least), run out of its unit or past an edge of the view.
 */
async function expectLabelsApart(page: Page, when: string) {
	const rows = await page.evaluate(() => {
		const edge = document.querySelector('.corner')!.getBoundingClientRect().right;
		const scroller = document.querySelector<HTMLElement>('.scroller')!;
		const viewRight =
			scroller.getBoundingClientRect().left + scroller.clientLeft + scroller.clientWidth;
		return ['major', 'minor'].map((row) =>
			[...document.querySelectorAll<HTMLElement>(`.axis .tick.${row}`)]
				.filter(
					(tick) => tick.textContent!.trim() && getComputedStyle(tick).color !== 'rgba(0, 0, 0, 0)'
				)
				.map((tick) => {
					const text = document.createRange();
					text.selectNodeContents(tick.querySelector('.pin')!);
					const label = text.getBoundingClientRect();
					const box = tick.getBoundingClientRect();
					return {
						text: tick.textContent!.trim(),
						left: label.left,
						right: label.right,
						unitRight: box.right,
						edge,
						viewRight
					};
				})
				.filter((l) => l.right > l.edge && l.left < l.viewRight)
				.sort((a, b) => a.left - b.left)
		);
	});
	for (const labels of rows) {
		expect(labels.length, `${when}: some labels`).toBeGreaterThan(0);
		for (const [i, l] of labels.entries()) {
			const where = `${when}: "${l.text}"`;
			expect(l.left, where).toBeGreaterThanOrEqual(l.edge - 0.5);
			expect(l.right, where).toBeLessThanOrEqual(Math.min(l.unitRight, l.viewRight) + 0.5);
			if (i > 0) expect(l.left - labels[i - 1].right, where).toBeGreaterThanOrEqual(4);
		}
	}
}

test('a three-year plan fits the year zoom at 1920 px, its axis labels never meet, and a dragged bar’s dates stay in view', async ({
	browser,
	baseURL
}, testInfo) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const roadmapId = await sharedRoadmap(owner, []);
	const page = await owner.context.newPage();
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	// Task 1 planned for 2026–2028, its milestones spread over the three years.
	const task = page.getByTestId('task').first();
	const schedule = task.getByTestId('task-schedule');
	for (const [label, day] of [
		[/^시작일 \(/, '2026.01.01'],
		[/^마감일 \(/, '2028.12.31']
	] as const) {
		const field = schedule.getByRole('textbox', { name: label });
		await field.fill(day);
		await field.press('Enter');
	}
	const spans = [
		['2026.01.05', '2026.06.30'],
		['2026.09.01', '2027.03.31'],
		['2027.06.01', '2028.12.31']
	];
	const ids: string[] = [];
	for (const [k, [from, to]] of spans.entries()) {
		const ms = task.getByTestId('milestone').nth(k);
		ids.push((await ms.getAttribute('data-milestone-id'))!);
		for (const [label, day] of [
			[/^이정표 시작일/, from],
			[/^이정표 마감일/, to]
		] as const) {
			const field = ms.getByRole('textbox', { name: label });
			await field.fill(day);
			await field.press('Enter');
		}
	}
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');

	// Year zoom: the whole plan in view, no sideways scrolling, each year and quarter named.
	await openTimeline(page, roadmapId, 'year');
	const scroller = page.getByTestId('timeline').locator('.scroller');
	await expect
		.poll(() => scroller.evaluate((el) => el.scrollWidth - el.clientWidth))
		.toBeLessThanOrEqual(0);
	const edge = (await page.locator('.corner').boundingBox())!;
	const view = (await scroller.boundingBox())!;
	const planned = page.getByRole('img', {
		name: '과제 1 계획 기간: 2026년 1월 1일 – 2028년 12월 31일'
	});
	const plannedBox = (await planned.boundingBox())!;
	expect(plannedBox.x).toBeGreaterThanOrEqual(edge.x + edge.width);
	expect(plannedBox.x + plannedBox.width).toBeLessThanOrEqual(view.x + view.width);
	for (const year of ['2026년', '2027년', '2028년'])
		await expect(page.locator('.axis .tick.major', { hasText: year })).toBeVisible();
	await expectLabelsApart(page, 'year');
	await page.screenshot({ path: testInfo.outputPath('timeline-3-years-year-1920.png') });

	for (const zoom of ['quarter', 'month']) {
		await openTimeline(page, roadmapId, zoom);
		await expectLabelsApart(page, zoom);
		// Scrolled to the plan's middle too, where labels are pinned at the names.
		await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth / 2 + 37 }));
		await page.waitForTimeout(100);
		await expectLabelsApart(page, `${zoom}, scrolled`);
	}
	await page.screenshot({ path: testInfo.outputPath('timeline-3-years-month-1920.png') });

	// Month zoom: a bar that runs past the right edge of the view, its start just in view; while
	// it is dragged its dates show inside the view, not at its end, off screen.
	const bar = page.locator(`[data-testid="timeline-bar"][data-milestone-id="${ids[1]}"]`);
	const viewLeft = edge.x + edge.width;
	const viewRight = view.x + view.width;
	const scrollBarTo = async (where: (box: { x: number; width: number }) => number) => {
		const box = (await bar.boundingBox())!;
		await scroller.evaluate((el, by) => el.scrollBy({ left: by }), where(box));
		await page.waitForTimeout(100);
		return (await bar.boundingBox())!;
	};
	const dates = page.getByTestId('timeline').locator('.dates.live');
	const expectInView = async () => {
		const box = (await dates.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(viewLeft);
		expect(box.x + box.width).toBeLessThanOrEqual(viewRight);
	};
	const box = await scrollBarTo((b) => b.x - (viewLeft + 100));
	expect(box.x + box.width).toBeGreaterThan(viewRight);
	const y = box.y + box.height / 2;
	await page.mouse.move(box.x + 200, y);
	await page.mouse.down();
	await page.mouse.move(box.x + 200 + 48, y, { steps: 4 });
	await expect(dates).toBeVisible();
	await expectInView();
	await page.mouse.up();
	await expect(bar).toHaveAttribute('data-start', '2026-09-03');

	// Its end just in view at the left, then dragged out of view under the names.
	await scrollBarTo((b) => b.x + b.width - (viewLeft + 60));
	await page.mouse.move(viewLeft + 20, y);
	await page.mouse.down();
	await page.mouse.move(viewLeft + 20 - 120, y, { steps: 5 });
	await expect(dates).toBeVisible();
	await expectInView();
	await page.mouse.up();
	await expect(bar).toHaveAttribute('data-start', '2026-08-29');

	// And in English, whose month names are the longer.
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	for (const zoom of ['year', 'quarter', 'month']) {
		await openTimeline(page, roadmapId, zoom, 'Saved');
		await expectLabelsApart(page, `${zoom} (en)`);
	}
});
