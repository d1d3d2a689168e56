/**
 * Under a filter, what one adds or changes stays in view until the filter changes: a milestone
 * set to "done" under "status: planned" does not vanish under the hands that changed it. The
 * other editor's page, which did not make the change, follows its filter at once.
 */
import { expect, test } from '@playwright/test';
import { closePeople, twoEditorsOnOneRoadmap } from './people';

test.afterEach(closePeople);

test('what one changes or adds under a filter stays in view; the others’ filtered pages follow the filter', async ({
	browser,
	baseURL
}) => {
	const { pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!, '?status=planned');
	const rowsA = pageA.getByTestId('task').first().getByTestId('milestone');
	const rowsB = pageB.getByTestId('task').first().getByTestId('milestone');
	await expect(rowsA).toHaveCount(3);
	await expect(rowsB).toHaveCount(3);
	const firstTitle = await rowsA.first().getByRole('textbox', { name: '이정표 제목' }).inputValue();

	// A marks the first step done: it no longer matches, but stays on A's page, showing "done".
	const status = rowsA.first().getByRole('combobox', { name: /^상태: / });
	await status.selectOption('done');
	await expect(rowsB).toHaveCount(2); // B did not change it: B's filter applies
	await expect(rowsA).toHaveCount(3);
	await expect(status).toHaveValue('done');

	// A new step (planned) is added and focused, as without a filter.
	await pageA.getByTestId('task').first().getByRole('button', { name: '이정표 추가' }).click();
	await expect(rowsA).toHaveCount(4);
	await expect(rowsA.last().getByRole('textbox', { name: '이정표 제목' })).toBeFocused();
	await expect(rowsB).toHaveCount(3);

	// A new filter (or a reload) shows exactly what it matches.
	await pageA.reload();
	await expect(pageA.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	await expect(rowsA).toHaveCount(3);
	await expect(rowsA.getByRole('textbox', { name: '이정표 제목' }).first()).not.toHaveValue(
		firstTitle
	);
	await pageA.getByLabel('이정표 상태').selectOption('done');
	await expect(pageA).toHaveURL(/\?status=done$/);
	await expect(pageA.getByTestId('milestone')).toHaveCount(1);
	await expect(
		pageA.getByTestId('milestone').getByRole('textbox', { name: '이정표 제목' })
	).toHaveValue(firstTitle);
});
