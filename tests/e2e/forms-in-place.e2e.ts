import { expect, test } from '@playwright/test';
import { closePeople, person, sharedRoadmap } from './people';

// Forms that answer on their own page do so in place: the address stays the page's (a reload does
// not send the form again), focus stays on the form, and a refused form keeps what was typed.
test.use({ locale: 'en-US' });
test.afterEach(closePeople);

test('settings save in place, refuse in place, and a deletion leaves for the roadmap list', async ({
	browser,
	baseURL
}) => {
	const owner = await person(browser, baseURL!, 'Dana Park', 'en-US');
	const roadmapId = await sharedRoadmap(owner, []);
	const page = await owner.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}/settings`);

	const rename = page.locator('form[action="?/rename"]');
	const english = rename.getByLabel('English title (optional)');
	await english.fill('Chips and AI roadmap');
	await rename.getByRole('button', { name: 'Save' }).click();
	await expect(rename.getByText('Saved.')).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`/roadmaps/${roadmapId}/settings$`));
	await expect(english).toHaveValue('Chips and AI roadmap');
	await expect(rename.getByRole('button', { name: 'Save' })).toBeFocused();
	await page.reload();
	await expect(english).toHaveValue('Chips and AI roadmap');

	// One button, one change: the page says the new state without leaving it.
	await page.getByRole('button', { name: 'Turn the public link on' }).click();
	await expect(page.getByRole('button', { name: 'Turn the public link off' })).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`/settings$`));

	// Archiving says so above every tab of the roadmap, as a standing state (grey), not as the
	// green of an answer; unarchiving takes it away.
	await page.getByRole('button', { name: 'Archive', exact: true }).click();
	const archived = page.getByTestId('archived-notice');
	await expect(archived).toHaveText(
		'This roadmap is archived: it can be read and exported, not changed.'
	);
	await expect(archived).toHaveCSS('background-color', 'rgb(242, 244, 247)');
	await expect(page.getByTestId('archive-hint')).toHaveText(
		'This roadmap is archived now. Unarchiving brings it back to your list of roadmaps, and it can be edited again.'
	);
	// The timeline says why its bars do not move: the archive, not the owner's role.
	await page.goto(`/roadmaps/${roadmapId}/timeline`);
	await expect(page.locator('#timeline-hint')).toContainText(
		'This roadmap is archived: its dates cannot be moved.'
	);
	await expect(page.locator('#timeline-hint')).not.toContainText('needs edit access');
	await page.goto(`/roadmaps/${roadmapId}/settings`);
	await page.getByRole('button', { name: 'Unarchive' }).click();
	await expect(archived).toHaveCount(0);

	// A wrong confirmation is refused beside the field, which keeps the text and the focus.
	const remove = page.locator('form[action="?/delete"]');
	const confirmation = remove.getByLabel('Title, to confirm');
	await confirmation.fill('not the title');
	await remove.getByRole('button', { name: 'Delete for good' }).click();
	await expect(remove.getByRole('alert')).toBeVisible();
	await expect(confirmation).toHaveValue('not the title');
	await expect(page).toHaveURL(new RegExp(`/settings$`));

	await confirmation.fill('Chips and AI roadmap');
	await remove.getByRole('button', { name: 'Delete for good' }).click();
	await expect(page).toHaveURL(/\/roadmaps$/);
	await expect(page.getByText('Chips and AI roadmap')).toHaveCount(0);
});

test('choosing another language in the profile loads the page in it', async ({
	browser,
	baseURL
}) => {
	const me = await person(browser, baseURL!, 'Dana Park', 'en-US');
	const page = await me.context.newPage();
	await page.goto('/profile');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your profile');
	await page.getByLabel('Interface language').selectOption('ko');
	await page.getByRole('button', { name: 'Save' }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('내 정보');
	await expect(page.getByText('저장했습니다.').first()).toBeVisible();

	// A wrong current password is said at that field, which gets the focus; the language's
	// "saved" is gone once another form on the page has answered.
	const password = page.locator('form[action="?/password"]');
	await password.getByLabel('현재 비밀번호').fill('틀린 비밀번호입니다');
	await password.getByLabel('새 비밀번호').fill('새로 정한 긴 비밀번호');
	await password.getByLabel('새 비밀번호').press('Enter');
	const current = password.getByLabel('현재 비밀번호');
	await expect(current).toHaveAttribute('aria-invalid', 'true');
	await expect(current).toBeFocused();
	await expect(page.getByText('저장했습니다.')).toHaveCount(0);
});
