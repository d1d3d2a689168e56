import { expect, test } from '@playwright/test';

// An English browser reading the Korean page: the browser's own form checks would answer in
// English ("Please fill out this field."); the page words them in Korean.
test.use({ locale: 'en-US' });

test('form checks speak the page’s language, not the browser’s, and let a corrected form through', async ({
	page
}) => {
	await page.goto('/signup');
	await page.getByRole('button', { name: '한국어' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'ko');

	const name = page.getByLabel('이름');
	const email = page.getByLabel('이메일');
	const password = page.locator('input[name="password"]');
	const submit = page.getByRole('button', { name: '가입하기' });
	const message = (field: typeof password) =>
		field.evaluate((el: HTMLInputElement) => el.validationMessage);

	await submit.click();
	await expect(page).toHaveURL(/\/signup/);
	expect(await message(name)).toBe('이 칸을 채워 주세요.');

	await name.fill('김검증');
	await email.fill('not-an-address');
	await submit.click();
	expect(await message(email)).toBe('이메일 주소를 name@example.kr 형식으로 입력하세요.');

	await email.fill(`check-${Date.now()}@example.kr`);
	await password.fill('short');
	await submit.click();
	expect(await message(password)).toBe('8자 이상 입력하세요 (지금 5자).');

	// Fixed, the same fields pass: nothing the page set stays behind to block the form.
	await password.fill('long enough password');
	expect(await message(password)).toBe('');
	await submit.click();
	await expect(page).toHaveURL(/\/roadmaps/);
});
