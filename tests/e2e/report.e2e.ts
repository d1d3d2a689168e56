import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';

const unique = () => Math.random().toString(36).slice(2, 8);

async function signUp(page: Page, name: string, email: string) {
	await page.getByLabel('이름').fill(name);
	await page.getByLabel('이메일').fill(email);
	await page.getByLabel('비밀번호').fill('정책 로드맵을 함께');
	await page.getByRole('button', { name: '가입하기' }).last().click();
}

/** The owner makes an invitation link for `role` on the members page. */
async function inviteLink(ownerPage: Page, roadmapUrl: string, role: 'editor' | 'viewer') {
	await ownerPage.goto(`${roadmapUrl}/members`);
	const inviteForm = ownerPage.locator('form[action="?/invite"]');
	await inviteForm.getByLabel('역할', { exact: true }).selectOption(role);
	await inviteForm.getByRole('button', { name: '초대 링크 만들기' }).click();
	return (await ownerPage.getByTestId('secret').textContent())!.trim();
}

/** A new person who signs up through an invitation link and accepts it. */
async function joinAs(browser: Browser, inviteUrl: string, name: string) {
	const context = await browser.newContext({ locale: 'ko-KR' });
	const page = await context.newPage();
	await page.goto(inviteUrl);
	await page.getByRole('link', { name: '가입하기' }).last().click();
	await signUp(page, name, `${unique()}@example.org`);
	await expect(page).toHaveURL(/\/invite\//);
	await page.getByRole('button', { name: '초대 수락' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	return { context, page };
}

/** Clicks a download link and returns the file's name and bytes. */
async function download(page: Page, format: string) {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.locator(`.toolbar a[data-format="${format}"]`).first().click()
	]);
	const path = await file.path();
	return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

test.use({ locale: 'ko-KR' });

test('an editor opens the report, saves it, and downloads every format; a viewer downloads but cannot save', async ({
	browser
}, testInfo) => {
	test.setTimeout(180_000); // three sign-ups, two invitations and seven downloads
	const title = '2026 국가 AI 전략 <b>이행</b> 점검';
	const owner = await browser.newContext({ locale: 'ko-KR' });
	const ownerPage = await owner.newPage();
	await ownerPage.goto('/signup');
	await signUp(ownerPage, '김민지 사무관', `owner-${unique()}@example.org`);
	await ownerPage.getByRole('link', { name: '새 로드맵' }).click();
	await ownerPage.getByLabel('제목', { exact: true }).fill(title);
	await ownerPage.getByRole('button', { name: '만들기' }).click();
	await expect(ownerPage.getByTestId('task')).toHaveCount(5);
	const roadmapUrl = ownerPage.url();

	const editor = await joinAs(
		browser,
		await inviteLink(ownerPage, roadmapUrl, 'editor'),
		'이준호 연구관'
	);
	const page = editor.page;
	await page.getByRole('link', { name: '보고서' }).click();
	await expect(page).toHaveURL(/\/report$/);
	const reportUrl = page.url();
	// The title is text, not markup; the five tasks are listed in order.
	await expect(page.locator('.report-title')).toHaveText(title);
	await expect(page.locator('.report b')).toHaveCount(0);
	// The headline numbers follow their names, as a figure is given in a report ("과제 5").
	await expect(page.locator('.counts > div')).toHaveText([
		/^과제\s*5$/,
		/^이정표\s*\d+$/,
		/^완료된 이정표\s*\d+$/,
		/^기한 초과 이정표\s*\d+$/
	]);
	const byTask = page.locator('section.block', {
		has: page.getByRole('heading', { name: '과제별 진행률' })
	});
	await expect(byTask.getByRole('progressbar')).toHaveCount(5);
	await expect(byTask.locator('.name').first()).toHaveText('1. 차세대 메모리 반도체 기술 개발');
	await expect(page.locator('.facts')).toContainText('이준호 연구관');
	// The template's five tasks and twenty milestones are one change: the roadmap's creation.
	const changes = page.locator('section.group li');
	await expect(changes.filter({ hasText: '템플릿으로 로드맵' })).toHaveText([
		// The day first, as Korean says when something happened.
		/^\d{4}년 \d{1,2}월 \d{1,2}일 김민지 사무관님이 '한국형 AI 전략 5대 과제' 템플릿으로 로드맵 .+을 만들었습니다 \(과제 5개, 이정표 20개\)$/
	]);
	await expect(changes.filter({ hasText: '추가했습니다' })).toHaveCount(0);
	await expect(page.getByRole('img', { name: '이정표 타임라인' })).toBeVisible();

	// Save: the saved report appears in the list and opens as it was.
	await expect(page.getByText('아직 저장된 보고서가 없습니다.')).toBeVisible();
	// The page says why its period starts where it does: before any save, the last 90 days, but
	// this roadmap was made today, and nothing happened to it before ...
	const periodNote = page.getByTestId('period-note');
	await expect(periodNote).toHaveText(
		/^기간은 이 로드맵을 만든 날\(\d{4}년 \d{1,2}월 \d{1,2}일\)부터입니다\. 그 전에는 바뀐 것이 없습니다\.$/
	);
	await page.getByRole('button', { name: '이 보고서 저장' }).click();
	await expect(page.getByRole('status')).toHaveText('보고서를 저장했습니다.');
	// ... after one, the day it was saved.
	await expect(periodNote).toHaveText(
		/^기간은 마지막 보고서를 저장한 날\(\d{4}년 \d{1,2}월 \d{1,2}일\)부터입니다\./
	);
	// The address is still the report's: reloading does not post the save again.
	expect(page.url()).not.toContain('?/save');
	const rows = page.locator('.saved-reports tbody tr');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('이준호 연구관');
	await page.screenshot({ path: testInfo.outputPath('editor-report.png'), fullPage: true });

	// Every format downloads, non-empty and of its type, named after the roadmap.
	const pdf = await download(page, 'pdf');
	expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
	expect(pdf.name).toMatch(/ 보고서 \d{4}-\d{2}-\d{2}(~\d{4}-\d{2}-\d{2})?\.pdf$/);
	expect(pdf.name.startsWith('2026 국가 AI 전략')).toBe(true); // the title's <b> is no file name's
	const xlsx = await download(page, 'xlsx');
	expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK'); // a zip container
	expect(xlsx.name).toMatch(/\.xlsx$/);
	// The CSV is the milestone list, whatever the period: its link and its name say so.
	await expect(page.locator('.toolbar a[data-format="csv"]').first()).toHaveAttribute(
		'title',
		/이정표 목록/
	);
	const csv = await download(page, 'csv');
	expect(csv.name).toMatch(/ 이정표 \d{4}-\d{2}-\d{2}\.csv$/);
	expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM for Excel
	expect(csv.bytes.toString('utf8')).toContain('차세대 메모리 반도체 기술 개발');
	const md = await download(page, 'md');
	expect(md.bytes.toString('utf8')).toContain('차세대 메모리 반도체 기술 개발');
	expect(md.name).toMatch(/\.md$/);
	const json = await download(page, 'json');
	const parsed = JSON.parse(json.bytes.toString('utf8'));
	expect(parsed.schema).toBe('ieum.report/v1');
	expect(parsed.roadmap.title.ko).toBe(title);

	// A second save, then the two compare: nothing moved in between.
	await page.getByRole('button', { name: '이 보고서 저장' }).click();
	await expect(rows).toHaveCount(2);
	await page.getByRole('button', { name: '비교' }).click();
	await expect(page.getByRole('heading', { name: '두 보고서 비교' })).toBeVisible();
	await expect(page.getByText('두 보고서 사이에 달라진 점이 없습니다.')).toBeVisible();
	// The headline numbers of both, unchanged.
	const overall = await page.getByTestId('compare-overall').textContent();
	expect(overall).toMatch(/전체 진행률: (\d+)% → \1%/);
	expect(overall).toMatch(/완료된 이정표: (\d+) → \1/);
	await page.goto(reportUrl);

	// The saved report opens on its own page, with its own downloads.
	await rows.first().getByRole('link').first().click();
	await expect(page).toHaveURL(/\/report\/[0-9a-f-]{36}$/);
	await expect(page.getByText('저장 당시 그대로')).toBeVisible();
	await expect(page.locator('.report-title')).toHaveText(title);
	const savedPdf = await download(page, 'pdf');
	expect(savedPdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

	// A viewer reads and downloads the report, but has no save control.
	const viewer = await joinAs(
		browser,
		await inviteLink(ownerPage, roadmapUrl, 'viewer'),
		'박서연 주무관'
	);
	await viewer.page.goto(`${roadmapUrl}/report`);
	await expect(viewer.page.locator('.report-title')).toHaveText(title);
	await expect(viewer.page.getByRole('button', { name: '이 보고서 저장' })).toHaveCount(0);
	await expect(viewer.page.locator('.saved-reports tbody tr')).toHaveCount(2);
	const viewerPdf = await download(viewer.page, 'pdf');
	expect(viewerPdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
	const viewerCsv = await download(viewer.page, 'csv');
	expect(viewerCsv.bytes.length).toBeGreaterThan(3);
	// And a forged save is refused.
	const forged = await viewer.page.request.post(`${roadmapUrl}/report?/save`, {
		form: { since: '' },
		headers: { origin: new URL(roadmapUrl).origin }
	});
	expect(forged.status()).toBe(403);

	await Promise.all([owner.close(), editor.context.close(), viewer.context.close()]);
});

test('a signed-out visitor opens the public demo roadmap’s report, in English too', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'ko-KR' });
	const page = await context.newPage();
	await page.goto('/');
	await page
		.getByRole('link', { name: /한국형 AI 전략 5대 과제/ })
		.first()
		.click();
	await page.getByRole('link', { name: '보고서' }).click();
	await expect(page).toHaveURL(/\/report$/);
	await expect(page.locator('.report-title')).toHaveText('한국형 AI 전략 5대 과제 (데모)');
	await expect(page.locator('.facts')).toContainText('공개 링크 열람자');
	await expect(page.getByRole('button', { name: '이 보고서 저장' })).toHaveCount(0);
	const pdf = await download(page, 'pdf');
	expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

	// The period's start is typed in the page's language; the report follows it.
	const reportUrl = page.url();
	const since = page.getByRole('textbox', { name: '기간 시작일' });
	await expect(since).toHaveAttribute('placeholder', 'YYYY.MM.DD');
	// A start before the roadmap was made (the demo is seeded when the server first starts) is
	// the day it was made, and the page says so: no century-long timeline of nothing.
	await since.fill('1900.01.01');
	await page.getByRole('button', { name: '적용' }).click();
	await expect(page.getByTestId('period-note')).toHaveText(
		/^기간은 이 로드맵을 만든 날\((\d{4})년 (\d{1,2})월 (\d{1,2})일\)부터입니다\./
	);
	const [, year, month, day] = (await page.getByTestId('period-note').textContent())!.match(
		/\((\d{4})년 (\d{1,2})월 (\d{1,2})일\)/
	)!;
	await expect(page.locator('.facts')).toContainText(`${year}년 ${month}월 ${day}일 –`);
	await expect(page.locator('.facts')).toContainText('(KST)');
	await expect(page.locator('.facts')).not.toContainText('1900');
	await expect(since).toHaveValue(`${year}.${month.padStart(2, '0')}.${day.padStart(2, '0')}`);
	// Typed wrong and applied: the server's answer is what the page then says.
	await since.fill('2026.13.45');
	await page.getByRole('button', { name: '적용' }).click();
	await expect(page.getByRole('alert')).toContainText('기본 기간의 보고서를 보여 드립니다');
	await expect(since).toHaveValue('2026.13.45');
	// Something that is not a date is a sentence in Korean beside the field, which keeps it; the
	// report shows its usual period meanwhile. The same without the page's scripts (a plain GET).
	const bad = await page.goto(reportUrl + '?since=2026.13.45');
	expect(bad?.status()).toBe(200);
	// Written as a date, but the calendar has no such day: said so, not "use the format".
	await expect(page.getByRole('alert')).toContainText('달력에 없는 날이어서');
	await expect(since).toHaveValue('2026.13.45');
	await expect(since).toHaveAttribute('aria-invalid', 'true');
	// Corrected in the field (not yet applied): the server's word on the old text goes.
	await since.fill('2026.01.05');
	await since.press('Tab');
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(since).not.toHaveAttribute('aria-invalid');
	// Typed wrong and not applied: said beside the field, but not "was not saved" as in the plan:
	// a report's period is not saved as one types.
	await since.fill('2026.02.30');
	await since.press('Tab');
	await expect(page.getByRole('alert')).toContainText('달력에 없는 날짜입니다');
	await expect(page.getByRole('alert')).not.toContainText('저장하지');
	await page.goto(reportUrl + '?since=' + encodeURIComponent('다음 주'));
	await expect(page.getByRole('alert')).toContainText('시작일을 YYYY.MM.DD 형식으로 입력하세요');
	await expect(page.locator('.report-title')).toHaveText('한국형 AI 전략 5대 과제 (데모)');
	await page.goto(reportUrl + '?since=2999-01-01');
	await expect(page.getByRole('alert')).toContainText('미래입니다');

	const english = await browser.newContext({ locale: 'en-US' });
	const enPage = await english.newPage();
	await enPage.goto(page.url().replace(/\?.*$/, ''));
	await expect(enPage.locator('.report-title')).toHaveText(
		'Korean AI strategy: five core tasks (demo)'
	);
	await expect(enPage.getByRole('heading', { name: 'Progress by task' })).toBeVisible();
	await Promise.all([context.close(), english.close()]);
});
