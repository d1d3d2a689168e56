/**
 * Reordering the outline with the mouse: a milestone's handle dropped on another milestone row,
 * and a task's handle dropped on another task, with the browser's own drag and drop; and a task
 * carried thousands of pixels up, the page scrolling while it is held near the top. The other
 * editor's page shows the new order.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { closePeople, twoEditorsOnOneRoadmap } from './people';

test.afterEach(closePeople);

const taskTitles = (page: Page) => page.getByRole('textbox', { name: '과제 제목 (ko)' });
const milestoneTitles = (page: Page, task: number) =>
	page.getByTestId('task').nth(task).getByRole('textbox', { name: '이정표 제목' });
const values = async (fields: Locator) =>
	Promise.all((await fields.all()).map((field) => field.inputValue()));

/**
 * Presses the mouse on `handle`, carries it in small steps to `at` (0 = top, 1 = bottom) of
 * `target`'s height, and lets go, as a hand would: both must be on screen, since scrolling in
 * the middle of a drag is not what a person does with a mouse held down.
 */
async function drag(page: Page, handle: Locator, target: Locator, at: number) {
	const from = (await handle.boundingBox())!;
	const to = (await target.boundingBox())!;
	await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await page.mouse.down();
	await page.mouse.move(to.x + 60, to.y + to.height * at, { steps: 6 });
	await page.mouse.up();
}

test('dragging a handle onto another row reorders milestones and tasks for the other editor too', async ({
	browser,
	baseURL
}) => {
	const { pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!);
	// A tall screen, scrolled to the first task: a task card of the template is about 1,000 px
	// high, and the second task's handle and the first task's top half must both show.
	await pageA.setViewportSize({ width: 1440, height: 1400 });
	const cards = pageA.getByTestId('task');
	await pageA.evaluate((y) => window.scrollTo(0, y - 20), (await cards.first().boundingBox())!.y);

	// The first task's first milestone, dropped on the lower half of its third: it goes after it.
	const before = await values(milestoneTitles(pageA, 0));
	expect(before.length).toBeGreaterThanOrEqual(3);
	const rows = cards.first().getByTestId('milestone');
	await drag(pageA, rows.first().getByTestId('reorder-handle'), rows.nth(2), 0.9);
	const afterDrop = [before[1], before[2], before[0], ...before.slice(3)];
	await expect.poll(() => values(milestoneTitles(pageA, 0))).toEqual(afterDrop);
	await expect.poll(() => values(milestoneTitles(pageB, 0))).toEqual(afterDrop);

	// …and the third back onto the upper half of the first: it goes before it.
	await drag(pageA, rows.nth(2).getByTestId('reorder-handle'), rows.first(), 0.1);
	await expect
		.poll(() => values(milestoneTitles(pageB, 0)))
		.toEqual([before[0], before[1], before[2], ...before.slice(3)]);

	// The second task's handle onto the upper half of the first task: it becomes the first.
	const tasks = await values(taskTitles(pageA));
	await drag(pageA, cards.nth(1).getByTestId('reorder-handle').first(), cards.first(), 0.25);
	const reordered = [tasks[1], tasks[0], ...tasks.slice(2)];
	await expect.poll(() => values(taskTitles(pageA))).toEqual(reordered);
	await expect.poll(() => values(taskTitles(pageB))).toEqual(reordered);
	await expect(pageA.getByTestId('save-state')).toHaveText('저장됨');
});

test('a task carried far, past the top of the screen, lands where it is dropped', async ({
	browser,
	baseURL
}) => {
	const { pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!);
	await pageA.setViewportSize({ width: 1440, height: 900 });
	const cards = pageA.getByTestId('task');
	const tasks = await values(taskTitles(pageA));
	expect(tasks.length).toBeGreaterThanOrEqual(5);
	// The fourth task's handle on screen; the first task thousands of pixels above, out of sight.
	await pageA.evaluate((y) => window.scrollTo(0, y - 100), (await cards.nth(3).boundingBox())!.y);
	expect((await cards.first().boundingBox())!.y).toBeLessThan(-2000);

	const from = (await cards.nth(3).getByTestId('reorder-handle').first().boundingBox())!;
	await pageA.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await pageA.mouse.down();
	// Held near the top edge (a hand does not scroll with the mouse button down): the page
	// scrolls by itself until the first task shows.
	await pageA.mouse.move(from.x + 60, 30, { steps: 8 });
	await expect
		.poll(
			async () => {
				await pageA.mouse.move(from.x + 60, 30 + (Date.now() % 2)); // a hand is never quite still
				return (await cards.first().boundingBox())!.y;
			},
			{ timeout: 20_000 }
		)
		.toBeGreaterThan(150);
	// Out of the edge's band first, so the page stops scrolling before the drop point is measured
	// (measured while it still scrolled, the point could end up above the card).
	await pageA.mouse.move(from.x + 60, 450, { steps: 2 });
	let first = (await cards.first().boundingBox())!;
	await expect
		.poll(async () => {
			const before = first.y;
			await pageA.evaluate(() => new Promise(requestAnimationFrame));
			first = (await cards.first().boundingBox())!;
			return first.y === before;
		})
		.toBe(true);
	await pageA.mouse.move(first.x + 60, first.y + 40, { steps: 4 });
	await pageA.mouse.up();

	const reordered = [tasks[3], tasks[0], tasks[1], tasks[2], ...tasks.slice(4)];
	await expect.poll(() => values(taskTitles(pageA))).toEqual(reordered);
	await expect.poll(() => values(taskTitles(pageB))).toEqual(reordered);
	await expect(pageA.getByTestId('save-state')).toHaveText('저장됨');
});
