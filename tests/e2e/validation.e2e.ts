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
	/** What the field's bubble says after a submit (asked again until the page's script runs). */
	const saysAfterSubmit = (field: typeof password, text: string) =>
		expect
			.poll(async () => {
				await submit.click();
				return field.evaluate((el: HTMLInputElement) => el.validationMessage);
			})
			.toBe(text);

	await saysAfterSubmit(name, '이 칸을 채워 주세요.');
	await expect(page).toHaveURL(/\/signup/);

	await name.fill('김검증');
	await email.fill('not-an-address');
	await saysAfterSubmit(email, '이메일 주소를 name@example.kr 형식으로 입력하세요.');

	await email.fill(`check-${Date.now()}@example.kr`);
	await password.fill('short');
	await saysAfterSubmit(password, '8자 이상 입력하세요 (지금 5자).');

	// Fixed, the same fields pass: nothing the page set stays behind to block the form.
	await password.fill('long enough password');
	expect(await password.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe('');
	await submit.click();
	await expect(page).toHaveURL(/\/roadmaps/);

	// A number out of its range names the range.
	await page.goto('/profile/tokens');
	await page.locator('input[name="name"]').fill('보고서 내보내기');
	const days = page.locator('input[name="expiresInDays"]');
	await days.fill('0');
	await page.getByRole('button', { name: '토큰 만들기' }).click();
	expect(await days.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe(
		'1에서 3650 사이의 수를 입력하세요.'
	);
	// Text that is not a number reads as no value; the bubble still says what is wrong.
	await days.fill('');
	await days.pressSequentially('e');
	await page.getByRole('button', { name: '토큰 만들기' }).click();
	expect(await days.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe(
		'숫자를 입력하세요.'
	);
});
