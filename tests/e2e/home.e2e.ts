import { expect, test } from '@playwright/test';
import { closePeople, person, sharedRoadmap } from './people';

test.afterEach(closePeople);

const KO_TITLES = [
	'차세대 메모리 반도체 기술 개발',
	'AI 알고리즘 및 소프트웨어 경쟁력 강화',
	'역동적인 AI 산업 생태계 조성',
	'AI 맞춤형 규제 및 정책 지원',
	'안정적인 전력 인프라 확충'
];
const EN_TITLES = [
	'Next-generation memory semiconductor technology',
	'AI algorithm and software competitiveness',
	'A dynamic AI industry ecosystem',
	'AI-fit regulation and policy support',
	'Stable power infrastructure'
];

test.use({ locale: 'ko-KR' });

test('a Korean reader sees the demo roadmap, switches to English, and the choice sticks', async ({
	page
}, testInfo) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		'한국형 AI 전략 5대 과제 (데모)'
	);
	await expect(page.getByTestId('task').getByRole('heading', { level: 3 })).toHaveText(KO_TITLES);
	await expect(
		page.getByText('이 로드맵과 담당 기관은 예시입니다.', { exact: false })
	).toBeVisible();
	// The demo's milestones carry example dates, in Korean, and say they are examples.
	const firstTask = page.getByTestId('task').first();
	await expect(firstTask.getByTestId('milestone')).toHaveCount(3);
	await expect(firstTask.getByText('일정 미정')).toHaveCount(0);
	await expect(firstTask.getByTestId('milestone').first()).toContainText(/\d{4}년 \d{1,2}월 1일/);
	await expect(firstTask.getByText('예시').first()).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('home-ko.png'), fullPage: true });

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByTestId('task').getByRole('heading', { level: 3 })).toHaveText(EN_TITLES);
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		'Korean AI strategy: five core tasks (demo)'
	);
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(page.getByTestId('task').first().getByTestId('milestone').first()).toContainText(
		/1 [A-Z][a-z]{2} \d{4}/
	);
	await page.screenshot({ path: testInfo.outputPath('home-en.png'), fullPage: true });

	await page.reload();
	await expect(page.getByTestId('task').getByRole('heading', { level: 3 }).first()).toHaveText(
		EN_TITLES[0]
	);

	await page.getByRole('button', { name: '한국어' }).click();
	await expect(page.getByTestId('task').getByRole('heading', { level: 3 }).first()).toHaveText(
		KO_TITLES[0]
	);
});

test('a new member reading the demo is shown how to start a plan of their own from it', async ({
	browser,
	baseURL
}, testInfo) => {
	const newcomer = await person(browser, baseURL!, '박새봄 연구원');
	const page = await newcomer.context.newPage();
	await page.goto('/roadmaps');
	await page.getByRole('link', { name: /데모 로드맵/ }).click();
	await expect(page.getByText('공개 링크로 보고 있습니다.')).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('demo-start-own.png') });
	await page.getByTestId('demo-start-own').click();
	await expect(page).toHaveURL(/\/roadmaps\/new$/);
	await expect(page.getByRole('radio', { name: /5대 과제|다섯|AI/ })).toBeChecked();
	await page.getByLabel('제목', { exact: true }).fill('우리 부처 AI 전략 이행 계획');
	await page.getByRole('button', { name: '만들기' }).click();
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	await expect(page.getByTestId('task')).toHaveCount(5);
	await expect(page.getByTestId('demo-start-own')).toHaveCount(0);
});

test('an English browser gets English without choosing', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByTestId('task').getByRole('heading', { level: 3 })).toHaveText(EN_TITLES);
	await context.close();
});

test('an address that leads nowhere says the page was not found, in the reader’s language', async ({
	browser
}) => {
	for (const [locale, heading] of [
		['ko-KR', '404 · 페이지를 찾을 수 없습니다'],
		['en-US', '404 · Page not found']
	]) {
		const context = await browser.newContext({ locale });
		const page = await context.newPage();
		const response = await page.goto('/no-such-page');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		await context.close();
	}
});

test('after signing out, Back does not show the private plan again', async ({
	browser,
	baseURL
}) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const roadmapId = await sharedRoadmap(owner, []);
	const page = await owner.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('task')).toHaveCount(5);
	await page.getByRole('button', { name: '로그아웃' }).click();
	await expect(page).not.toHaveURL(new RegExp(roadmapId));
	await page.goBack();
	await expect(page.getByTestId('task')).toHaveCount(0);
	await expect(page.getByText('내 역할: 소유자')).toHaveCount(0);
});

test('health check answers for the embedded database', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toMatchObject({ ok: true, database: 'pglite' });
});

test('Korean is set in Pretendard served by the app itself, only the subsets the page shows', async ({
	page,
	baseURL
}) => {
	const fontRequests: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'font') fontRequests.push(request.url());
	});
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		'한국형 AI 전략 5대 과제 (데모)'
	);
	const loaded = await page.evaluate(async () => {
		await document.fonts.ready;
		return [...document.fonts]
			.filter((face) => face.status === 'loaded')
			.map((face) => face.family.replaceAll('"', ''));
	});
	expect(loaded).toContain('Pretendard Variable');
	// The heading is drawn with it, not with whatever the machine has installed.
	const family = await page
		.getByRole('heading', { level: 2 })
		.evaluate((h) => getComputedStyle(h).fontFamily);
	expect(family.split(',')[0].replaceAll('"', '').trim()).toBe('Pretendard Variable');
	expect(fontRequests.length).toBeGreaterThan(0);
	for (const url of fontRequests) expect(new URL(url).origin).toBe(new URL(baseURL!).origin);
	// Unicode-range subsets: far fewer files than the 92 the typeface comes in.
	expect(fontRequests.length).toBeLessThan(40);
});
