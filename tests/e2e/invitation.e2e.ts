import { expect, test, type Browser, type Page } from '@playwright/test';

const unique = () => Math.random().toString(36).slice(2, 8);

async function signUp(page: Page, name: string, email: string) {
	await page.getByLabel('이름').fill(name);
	await page.getByLabel('이메일').fill(email);
	await page.getByLabel('비밀번호').fill('정책 로드맵을 함께');
	await page.getByRole('button', { name: '가입하기' }).last().click();
}

/** The ministry officer: signs up and creates a roadmap from the template. */
async function ownerWithRoadmap(browser: Browser) {
	const owner = await browser.newContext({ locale: 'ko-KR' });
	const ownerPage = await owner.newPage();
	await ownerPage.goto('/signup');
	await signUp(ownerPage, '김민지 사무관', `officer-${unique()}@example.org`);
	await expect(ownerPage).toHaveURL(/\/roadmaps$/);
	await ownerPage.getByRole('link', { name: '새 로드맵' }).click();
	await ownerPage.getByLabel('제목', { exact: true }).fill('2026 국가 AI 전략 이행 로드맵');
	await ownerPage.getByRole('button', { name: '만들기' }).click();
	await expect(ownerPage.getByRole('heading', { level: 1 })).toHaveText(
		'2026 국가 AI 전략 이행 로드맵'
	);
	await expect(ownerPage.getByTestId('task')).toHaveCount(5);
	await expect(ownerPage.getByText('내 역할: 소유자')).toBeVisible();
	return { owner, ownerPage };
}

/** Makes an invitation on the members page; returns its link. */
async function invite(ownerPage: Page, role: string, email = '') {
	const form = ownerPage.locator('form[action="?/invite"]');
	await form.getByLabel('역할', { exact: true }).selectOption(role);
	await form.getByLabel(/이메일/).fill(email);
	const secret = ownerPage.getByTestId('secret');
	const before = (await secret.count()) ? await secret.textContent() : null;
	await form.getByRole('button', { name: '초대 링크 만들기' }).click();
	// The page answers in place (no reload): wait for the new link, not the one shown before.
	if (before !== null) await expect(secret).not.toHaveText(before);
	return (await secret.textContent())!.trim();
}

test.use({ locale: 'ko-KR' });

test('an owner invites a colleague who signs up on the way and gets exactly the invited role', async ({
	browser
}, testInfo) => {
	// The ministry officer: signs up, creates a roadmap from the template, makes an invitation.
	const { owner, ownerPage } = await ownerWithRoadmap(browser);

	await ownerPage.getByRole('link', { name: '구성원' }).click();
	// The only owner is not offered a way out that the server would refuse.
	await expect(ownerPage.getByTestId('sole-owner')).toHaveText(
		'유일한 소유자: 다른 소유자를 먼저 지정하세요'
	);
	await expect(ownerPage.getByRole('button', { name: '나가기' })).toHaveCount(0);
	// Nor a role menu: the sole owner's role cannot change either. Their role is said in words.
	await expect(ownerPage.getByTestId('members').locator('form[action="?/setRole"]')).toHaveCount(0);
	await expect(ownerPage.getByTestId('members')).toContainText('소유자');
	const inviteForm = ownerPage.locator('form[action="?/invite"]');
	await inviteForm.getByLabel('역할', { exact: true }).selectOption('commenter');
	// An address the browser lets through but the server refuses: the form comes back as typed,
	// the problem named at the field.
	const email = inviteForm.getByLabel(/이메일/);
	const days = inviteForm.getByLabel(/유효 기간/);
	await email.fill('a@b');
	await days.fill('30');
	await inviteForm.getByRole('button', { name: '초대 링크 만들기' }).click();
	await expect(ownerPage.getByRole('alert').first()).toBeVisible();
	await expect(email).toHaveValue('a@b');
	await expect(email).toHaveAttribute('aria-invalid', 'true');
	await expect(email).toBeFocused(); // where the problem is, to correct it
	await expect(days).toHaveValue('30');
	await expect(inviteForm.getByLabel('역할', { exact: true })).toHaveValue('commenter');
	await email.fill('');
	await inviteForm.getByRole('button', { name: '초대 링크 만들기' }).click();
	const inviteUrl = (await ownerPage.getByTestId('secret').textContent())!.trim();
	expect(inviteUrl).toMatch(/\/invite\/[a-z2-7]+\.[a-z2-7]+$/);
	// Answered in place: the address is still the members page (a reload would not send the form
	// again), focus is still on the button, and the form is ready for the next invitation.
	await expect(ownerPage).toHaveURL(/\/members$/);
	await expect(inviteForm.getByRole('button', { name: '초대 링크 만들기' })).toBeFocused();
	await expect(days).toHaveValue('7');
	await expect(ownerPage.getByTestId('invitations')).toContainText('사용 가능');
	// The role is back on its default, and stays there when the next link is made at once: an
	// editor's, never the first role of the list (owner) that a form reset used to pick.
	const roleField = inviteForm.getByLabel('역할', { exact: true });
	await expect(roleField).toHaveValue('editor');
	await inviteForm.getByRole('button', { name: '초대 링크 만들기' }).click();
	await expect(ownerPage.getByTestId('secret')).not.toHaveText(inviteUrl);
	await expect(roleField).toHaveValue('editor');
	await expect(ownerPage.getByTestId('invitations')).toContainText('편집자');
	await ownerPage.screenshot({ path: testInfo.outputPath('owner-members.png'), fullPage: true });

	// The professor: opens the link, signs up on the way, accepts.
	const guest = await browser.newContext({ locale: 'ko-KR' });
	const guestPage = await guest.newPage();
	await guestPage.goto(inviteUrl);
	await expect(guestPage.getByText('댓글 작성자 역할로 초대받았습니다')).toBeVisible();
	await guestPage.getByRole('link', { name: '가입하기' }).last().click();
	await signUp(guestPage, '이준호 교수', `professor-${unique()}@example.org`);
	await expect(guestPage).toHaveURL(/\/invite\//);
	await guestPage.getByRole('button', { name: '초대 수락' }).click();

	await expect(guestPage.getByRole('heading', { level: 1 })).toHaveText(
		'2026 국가 AI 전략 이행 로드맵'
	);
	await expect(guestPage.getByText('내 역할: 댓글 작성자')).toBeVisible();
	await expect(guestPage.getByTestId('task')).toHaveCount(5);
	// ...and cannot do more: no settings, no invitations, no role changes.
	await expect(guestPage.getByRole('link', { name: '설정' })).toHaveCount(0);
	const settings = await guestPage.goto(guestPage.url() + '/settings');
	expect(settings?.status()).toBe(403);
	// Inside the roadmap, not a bare error page: who can open it, and the way back.
	await expect(guestPage.getByTestId('roadmap-error')).toContainText(
		'이 화면은 로드맵 소유자만 열 수 있습니다. 지금 역할은 댓글 작성자입니다.'
	);
	await expect(guestPage.getByRole('link', { name: '구성원' }).last()).toBeVisible();
	await expect(guestPage.getByRole('heading', { level: 1 })).toHaveText(
		'2026 국가 AI 전략 이행 로드맵'
	);
	await guestPage.getByRole('link', { name: '계획으로 돌아가기' }).click();
	await expect(guestPage.getByTestId('task')).toHaveCount(5);
	await guestPage.getByRole('link', { name: '구성원' }).click();
	await expect(guestPage.getByTestId('members')).toContainText('김민지 사무관');
	await expect(guestPage.getByRole('button', { name: '초대 링크 만들기' })).toHaveCount(0);
	await expect(guestPage.getByRole('button', { name: '변경' })).toHaveCount(0);
	await guestPage.screenshot({ path: testInfo.outputPath('guest-members.png'), fullPage: true });

	// The link was single-use: it is spent now.
	await ownerPage.reload();
	await expect(ownerPage.getByTestId('invitations')).toContainText('모두 사용됨');
	await expect(ownerPage.getByTestId('members')).toContainText('이준호 교수');
	// A non-owner is not told what only an owner could do about the sole owner.
	await guestPage.reload();
	await expect(guestPage.getByTestId('sole-owner')).toHaveCount(0);

	// The owner makes him an editor: said so, and the focus stays on his row.
	const row = ownerPage.getByTestId('members').getByRole('row').filter({ hasText: '이준호 교수' });
	await row.getByRole('combobox').selectOption('editor');
	await row.getByRole('button', { name: '변경' }).click();
	await expect(ownerPage.getByTestId('members-saved')).toHaveText(
		'이준호 교수님의 역할을 편집자로 바꿨습니다. 그 사람이 열어 둔 화면에도 바로 반영됩니다.'
	);
	await expect(row.getByRole('button', { name: '변경' })).toBeFocused();
	await expect(row.getByRole('combobox')).toHaveValue('editor');

	// Removing him asks first; saying no keeps him.
	const asked: string[] = [];
	ownerPage.once('dialog', (dialog) => {
		asked.push(dialog.message());
		void dialog.dismiss();
	});
	await row.getByRole('button', { name: '제거' }).click();
	expect(asked).toEqual([
		'이준호 교수님을 이 로드맵에서 제거할까요? 다시 들어오려면 새 초대가 필요합니다.'
	]);
	await expect(ownerPage.getByTestId('members')).toContainText('이준호 교수');
	ownerPage.once('dialog', (dialog) => void dialog.accept());
	await row.getByRole('button', { name: '제거' }).click();
	await expect(ownerPage.getByTestId('members')).not.toContainText('이준호 교수');
	// Said as a removal, by name: not the "saved" of a role change.
	await expect(ownerPage.getByTestId('members-saved')).toHaveText(
		'이준호 교수님을 이 로드맵에서 제거했습니다. 그 사람이 열어 둔 화면은 바로 접근이 끊깁니다.'
	);
	// The button went with the row: focus is on the members list's heading, not the page's top.
	await expect(ownerPage.getByRole('heading', { name: '구성원', level: 2 })).toBeFocused();

	await owner.close();
	await guest.close();
});

test('a signed-in reader is told before accepting that an invitation is for someone else, or gives them nothing new', async ({
	browser
}) => {
	const { owner, ownerPage } = await ownerWithRoadmap(browser);
	await ownerPage.getByRole('link', { name: '구성원' }).click();
	const forOther = await invite(ownerPage, 'editor', 'professor@example.org');
	const forAnyone = await invite(ownerPage, 'viewer');
	const members = ownerPage.url();

	const page = await owner.newPage();
	await page.goto(forOther);
	await expect(page.getByTestId('invite-fit')).toContainText(
		'이 초대는 professor@example.org 주소 전용인데, 지금'
	);
	await expect(page.getByRole('button', { name: '초대 수락' })).toHaveCount(0);

	await page.goto(forAnyone);
	await expect(page.getByTestId('invite-fit')).toHaveText(
		'이미 이 로드맵의 구성원입니다(역할: 소유자). 이 초대로 바뀌는 것은 없습니다.'
	);
	await expect(page.getByRole('button', { name: '초대 수락' })).toHaveCount(0);
	await page.getByRole('link', { name: '로드맵 열기' }).click();
	await expect(page.getByText('내 역할: 소유자')).toBeVisible();

	// Opening them used neither.
	await page.goto(members);
	await expect(page.getByTestId('invitations')).not.toContainText('모두 사용됨');
	await owner.close();
});
