/**
 * The roadmap page for keyboard and screen-reader users: axe-core finds nothing with two people
 * present, the first Tab offers to skip the navigation, and focus lands somewhere sensible after
 * adding, deleting and assigning.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { closePeople, twoEditorsOnOneRoadmap } from './people';

test.afterEach(closePeople);

async function twoPeopleOnOneRoadmap(
	browser: Parameters<typeof twoEditorsOnOneRoadmap>[0],
	baseURL: string
) {
	const both = await twoEditorsOnOneRoadmap(browser, baseURL);
	await expect(both.pageA.getByRole('list', { name: '지금 함께 있는 사람' })).toContainText(
		'박서준 책임'
	);
	return both;
}

test('axe-core finds no violations on the roadmap page with two people present', async ({
	browser,
	baseURL
}) => {
	const { pageA } = await twoPeopleOnOneRoadmap(browser, baseURL!);
	const results = await new AxeBuilder({ page: pageA })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
});

test('keyboard: skip links, focus after add, delete and assign', async ({ browser, baseURL }) => {
	const { pageA: page } = await twoPeopleOnOneRoadmap(browser, baseURL!);

	// The first Tab reaches the skip link, and following it lands in the page's content.
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: '본문으로 건너뛰기' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	// The roadmap's own skip link jumps straight to "+ 과제 추가".
	const skipToAdd = page.getByRole('link', { name: '과제 추가로 건너뛰기' });
	await skipToAdd.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('add-task')).toBeFocused();

	// Adding a task puts the caret in its title, with the placeholder selected to type over.
	await page.keyboard.press('Enter');
	const newTitle = page.getByRole('textbox', { name: '과제 제목 (ko)' }).last();
	await expect(newTitle).toBeFocused();
	await page.keyboard.type('전력망 확충');
	await expect(newTitle).toHaveValue('전력망 확충');
	// Created in Korean, the English title is left empty and marked as not translated.
	const newTask = page.getByTestId('task').last();
	await expect(newTask.getByTestId('needs-translation').first()).toContainText('번역 없음');

	// Adding a milestone focuses its title.
	const firstTask = page.getByTestId('task').first();
	await firstTask.getByRole('button', { name: '이정표 추가' }).click();
	const milestoneTitles = firstTask.getByRole('textbox', { name: '이정표 제목' });
	await expect(milestoneTitles.last()).toBeFocused();
	const count = await milestoneTitles.count();

	// The blank milestone just added goes without asking.
	const deleteButtons = firstTask.getByRole('button', { name: '이정표 삭제' });
	const asked: string[] = [];
	const answer = (accept: boolean) =>
		page.once('dialog', (dialog) => {
			asked.push(dialog.message());
			void (accept ? dialog.accept() : dialog.dismiss());
		});
	await deleteButtons.last().click();
	await expect(milestoneTitles).toHaveCount(count - 1);
	expect(asked).toEqual([]);
	// One with a title asks first, naming it; saying no keeps it.
	const firstTitle = await milestoneTitles.first().inputValue();
	answer(false);
	await deleteButtons.nth(0).click();
	await expect.poll(() => asked).toEqual([`‘${firstTitle}’ 이정표를 삭제할까요?`]);
	await expect(milestoneTitles).toHaveCount(count - 1);
	// Deleting a milestone moves focus to its neighbour, not to the page.
	answer(true);
	await deleteButtons.nth(0).click();
	await expect(milestoneTitles).toHaveCount(count - 2);
	await expect(milestoneTitles.first()).toBeFocused();
	// …its caret at the end, nothing selected: the next key pressed adds to that title.
	const neighbour = await milestoneTitles.first().inputValue();
	expect(
		await milestoneTitles
			.first()
			.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd])
	).toEqual([neighbour.length, neighbour.length]);

	// Assigning an owner keeps the keyboard on the organization picker.
	const created = await page.request.post('/organizations', {
		form: {
			name: '과학기술정보통신부',
			nameEn: 'Ministry of Science and ICT',
			sector: 'government'
		},
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(created.status()).toBeLessThan(400);
	await page.reload();
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	const picker = page
		.getByTestId('task')
		.first()
		.getByRole('combobox', { name: '사람 또는 기관 선택' });
	const options = await picker.locator('option').allTextContents();
	expect(options).toContain('과학기술정보통신부');
	// Demo organizations stay in the demo.
	expect(options.some((o) => o.includes('예시'))).toBe(false);
	await picker.selectOption({ label: '과학기술정보통신부' });
	await page.getByTestId('task').first().getByRole('button', { name: '담당 지정' }).click();
	await expect(page.getByTestId('task').first()).toContainText('과학기술정보통신부');
	await expect(picker).toBeFocused();

	// Small buttons are still at least 24 × 24 px (WCAG 2.2 target size).
	const box = await page
		.getByTestId('task')
		.first()
		.getByRole('button', { name: '이정표 삭제' })
		.first()
		.boundingBox();
	expect(box!.width).toBeGreaterThanOrEqual(24);
	expect(box!.height).toBeGreaterThanOrEqual(24);

	// Deleting a task by keyboard asks, naming it, and leaves focus on the next task's title.
	const tasks = page.getByTestId('task');
	const taskCount = await tasks.count();
	const secondTitle = page.getByRole('textbox', { name: '과제 제목 (ko)' }).nth(1);
	const secondValue = await secondTitle.inputValue();
	const firstTaskTitle = await page
		.getByRole('textbox', { name: '과제 제목 (ko)' })
		.first()
		.inputValue();
	asked.length = 0;
	answer(true);
	await tasks.first().getByRole('button', { name: '과제 삭제' }).focus();
	await page.keyboard.press('Enter');
	await expect(tasks).toHaveCount(taskCount - 1);
	expect(asked[0]).toMatch(
		new RegExp(`^‘${firstTaskTitle}’ 과제와 그 이정표 \\d+개를 모두 삭제할까요\\?$`)
	);
	const nowFirst = page.getByRole('textbox', { name: '과제 제목 (ko)' }).first();
	await expect(nowFirst).toHaveValue(secondValue);
	await expect(nowFirst).toBeFocused();
});

test('switching language by keyboard keeps the keyboard on the switcher, and a plain reload does not move it', async ({
	page
}) => {
	await page.goto('/');
	const english = page.getByRole('button', { name: 'English' });
	await english.focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('button', { name: 'English' })).toBeFocused();
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	// An ordinary reload starts at the top, as every page load does.
	await page.reload();
	await expect(page.getByRole('button', { name: 'English' })).not.toBeFocused();
	// And back, by keyboard again.
	await page.getByRole('button', { name: '한국어' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
	await expect(page.getByRole('button', { name: '한국어' })).toBeFocused();
});
