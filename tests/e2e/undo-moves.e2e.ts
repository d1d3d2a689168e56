/**
 * Ctrl+Z after moves on the timeline, the board and the outline: it takes back one's own last
 * move, one key press at a time, never the other editor's change made meanwhile on the same
 * roadmap, and keyboard focus stays where it was.
 */
import { expect, test, type Page } from '@playwright/test';
import { closePeople, twoEditorsOnOneRoadmap } from './people';

test.afterEach(closePeople);

/** YYYY-MM-DD `days` after `date`. */
const plus = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Gives the first undated milestone dates; returns its id (its bar has focus). */
async function giveFirstDates(page: Page): Promise<string> {
	await page.getByTestId('give-dates').first().click();
	const bar = page.locator('[data-testid="timeline-bar"]:focus');
	await expect(bar).toHaveCount(1);
	return (await bar.getAttribute('data-milestone-id'))!;
}

const bar = (page: Page, id: string) =>
	page.locator(`[data-testid="timeline-bar"][data-milestone-id="${id}"]`);
const card = (page: Page, id: string) => page.locator(`[data-card-id="${id}"]`);
const inColumn = (page: Page, status: string, id: string) =>
	page.locator(`[data-status="${status}"] [data-card-id="${id}"]`);

test("Ctrl+Z undoes one's own timeline and board moves, one at a time, and not the other editor's", async ({
	browser,
	baseURL
}) => {
	const { pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!, '/timeline?zoom=month');

	// A dates a milestone, then moves it by keyboard: two days later, in two quick presses.
	const mine = await giveFirstDates(pageA);
	const start = (await bar(pageA, mine).getAttribute('data-start'))!;
	await pageA.keyboard.press('ArrowRight');
	await pageA.keyboard.press('ArrowRight');
	await expect(bar(pageB, mine)).toHaveAttribute('data-start', plus(start, 2));

	// Meanwhile B dates another milestone and moves it a week on.
	const theirs = await giveFirstDates(pageB);
	await pageB.keyboard.press('PageDown');
	const theirStart = plus(start, 7);
	await expect(bar(pageA, theirs)).toHaveAttribute('data-start', theirStart);

	// A's Ctrl+Z takes back A's last key press only, then the one before; B's bar stays put.
	await expect(bar(pageA, mine)).toBeFocused();
	await pageA.keyboard.press('Control+z');
	await expect(bar(pageB, mine)).toHaveAttribute('data-start', plus(start, 1));
	await pageA.keyboard.press('Control+z');
	await expect(bar(pageB, mine)).toHaveAttribute('data-start', start);
	await expect(bar(pageA, mine)).toHaveAttribute('data-start', start);
	await expect(bar(pageB, theirs)).toHaveAttribute('data-start', theirStart);
	await expect(bar(pageA, theirs)).toHaveAttribute('data-start', theirStart);

	// On the board (same connection, same undo history): A moves a card one column right.
	for (const page of [pageA, pageB])
		await page.getByTestId('view-switcher').getByRole('link', { name: '상태 보드' }).click();
	await card(pageA, mine).getByRole('link').focus();
	await pageA.keyboard.press('ArrowRight');
	await expect(inColumn(pageB, 'in_progress', mine)).toBeVisible();
	// B then finishes the other one with its card's menu.
	await card(pageB, theirs).getByRole('combobox').selectOption('done');
	await expect(inColumn(pageA, 'done', theirs)).toBeVisible();

	// A's Ctrl+Z puts A's card back where it was; B's stays done, on both pages.
	await expect(card(pageA, mine).getByRole('link')).toBeFocused();
	await pageA.keyboard.press('Control+z');
	await expect(inColumn(pageB, 'planned', mine)).toBeVisible();
	await expect(inColumn(pageA, 'planned', mine)).toBeVisible();
	// The card is drawn anew in its old column, and keyboard focus goes with it.
	await expect(inColumn(pageA, 'planned', mine).getByRole('link')).toBeFocused();
	await pageA.keyboard.press('Control+Shift+z');
	await expect(inColumn(pageB, 'in_progress', mine)).toBeVisible();
	await expect(inColumn(pageA, 'in_progress', mine).getByRole('link')).toBeFocused();
	await pageA.keyboard.press('Control+z');
	await expect(inColumn(pageA, 'planned', mine).getByRole('link')).toBeFocused();
	await expect(inColumn(pageA, 'done', theirs)).toBeVisible();
	await expect(inColumn(pageB, 'done', theirs)).toBeVisible();

	// In the outline A moves a milestone down twice by keyboard (Alt+↓ on its drag handle);
	// Ctrl+Z moves it back a step at a time, and the handle keeps focus (the row itself is moved
	// in the page, which would blur it).
	await pageA.getByTestId('view-switcher').getByRole('link', { name: '과제 목록' }).click();
	const firstTask = pageA.getByTestId('task').first();
	const rows = firstTask.locator('[data-milestone-id]');
	const [first, second] = [
		await rows.nth(0).getAttribute('data-milestone-id'),
		await rows.nth(1).getAttribute('data-milestone-id')
	];
	const handle = pageA.locator(`[data-reorder="milestone:${first}"] [data-part="handle"]`);
	await handle.focus();
	await pageA.keyboard.press('Alt+ArrowDown');
	await expect(rows.nth(1)).toHaveAttribute('data-milestone-id', first!);
	await pageA.keyboard.press('Alt+ArrowDown');
	await expect(rows.nth(2)).toHaveAttribute('data-milestone-id', first!);
	await expect(handle).toBeFocused();
	await pageA.keyboard.press('Control+z');
	await expect(rows.nth(1)).toHaveAttribute('data-milestone-id', first!);
	await expect(handle).toBeFocused();
	await pageA.keyboard.press('Control+z');
	await expect(rows.nth(0)).toHaveAttribute('data-milestone-id', first!);
	await expect(rows.nth(1)).toHaveAttribute('data-milestone-id', second!);
	await expect(handle).toBeFocused();
	await pageA.keyboard.press('Control+Shift+z');
	await expect(rows.nth(1)).toHaveAttribute('data-milestone-id', first!);
	await expect(handle).toBeFocused();
	await expect(pageA.getByTestId('save-state')).toHaveText('저장됨');
});
