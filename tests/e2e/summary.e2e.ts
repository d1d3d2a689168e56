/**
 * Task summaries are plain paragraphs until the browser is idle, then rich-text editors. Here the
 * browser is never idle (requestIdleCallback never calls back), so each summary stays plain until
 * someone reaches for it: a click or a Tab makes it an editor at once, and the typing reaches the
 * other editor. Meanwhile the plain text follows what the other editor writes.
 */
import { expect, test, type BrowserContext } from '@playwright/test';
import { closePeople, oneEditorOnNewRoadmap, person, sharedRoadmap } from './people';

test.afterEach(closePeople);

test('a summary reached before the browser is idle becomes an editor at once, by pointer and by keyboard', async ({
	browser,
	baseURL
}) => {
	const neverIdle = async (context: BrowserContext) => {
		await context.addInitScript(() => {
			window.requestIdleCallback = () => 0;
		});
	};
	const a = await person(browser, baseURL!, '김민지 사무관', 'ko-KR', neverIdle);
	const b = await person(browser, baseURL!, '박서준 책임');
	const roadmapId = await sharedRoadmap(a, [b]);
	const pageA = await a.context.newPage();
	const pageB = await b.context.newPage();
	for (const page of [pageA, pageB]) {
		await page.goto(`/roadmaps/${roadmapId}`);
		await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	}
	const summaries = pageA.getByRole('textbox', { name: '요약 (ko)' });
	await expect(summaries).toHaveCount(5);
	await expect(pageA.locator('.ProseMirror')).toHaveCount(0); // all still plain
	const first = summaries.first();
	const text = await first.innerText();
	expect(text.length).toBeGreaterThan(10); // the template's summary shows as text

	// While plain it still follows the others' writing.
	await pageB.locator('.ProseMirror').nth(2).click();
	await pageB.keyboard.press('Control+End');
	await pageB.keyboard.type(' 공동 검토');
	await expect(summaries.nth(2)).toContainText('공동 검토');
	await expect(pageA.locator('.ProseMirror')).toHaveCount(0);

	// Pointer: the first becomes an editor, focused, the caret where the press was (its start).
	await first.click({ position: { x: 3, y: 10 } });
	await expect(pageA.locator('.ProseMirror')).toHaveCount(1);
	await pageA.keyboard.type('[시범] ');
	const summaryB = pageB.getByRole('textbox', { name: '요약 (ko)' }).first();
	await expect(summaryB).toContainText('[시범] ');
	expect((await pageA.locator('.ProseMirror').first().innerText()).startsWith('[시범] ')).toBe(
		true
	);

	// Keyboard: Tab onto the second one's plain text makes it an editor with the focus.
	const second = summaries.nth(1);
	await second.focus();
	await expect(pageA.locator('.ProseMirror')).toHaveCount(2);
	await expect(pageA.locator('.ProseMirror').nth(1)).toBeFocused();
	await pageA.keyboard.type(' 점검');
	await expect(pageB.getByRole('textbox', { name: '요약 (ko)' }).nth(1)).toContainText('점검');
});

test('a summary holds no more than readers show: a paste keeps what fits and says what was left out', async ({
	browser,
	baseURL
}) => {
	const { owner: a, roadmapId, page } = await oneEditorOnNewRoadmap(browser, baseURL!);
	const summary = page.getByRole('textbox', { name: '요약 (ko)' }).first();
	await summary.click();
	const editor = page.locator('.ProseMirror').first();
	await expect(editor).toBeFocused();
	await page.keyboard.press('Control+End');
	// A paste of 12,000 characters into a summary that already has some.
	await editor.evaluate((el) => {
		const data = new DataTransfer();
		data.setData('text/plain', `시작${'가'.repeat(11_996)}끝`);
		el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
	});
	const note = page.locator('.summary .note').first();
	await expect(note).toHaveText(/10,000자까지 들어갑니다\. [\d,]+자는 넣지 않았습니다\./);
	const held = async () => (await editor.textContent())!.length;
	const length = await held();
	expect(length).toBeLessThanOrEqual(10_000);
	expect(length).toBeGreaterThan(9_900);
	expect(await editor.textContent()).toContain('시작');
	// Typing at the limit adds nothing.
	await page.keyboard.type('더');
	expect(await held()).toBe(length);
	// The API (what exports and reports read) has all of it: nothing the editor holds is cut there.
	await expect
		.poll(async () => {
			const response = await a.api.get(`/api/v1/roadmaps/${roadmapId}`);
			const body = (await response.json()) as { tasks: { summaryKo: string }[] };
			return body.tasks[0].summaryKo.replace(/\n/g, '').length;
		})
		.toBe(length);
});

test('a table pasted into a summary keeps its rows apart, one line a row', async ({
	browser,
	baseURL
}) => {
	const { page } = await oneEditorOnNewRoadmap(browser, baseURL!);
	const summary = page.getByRole('textbox', { name: '요약 (ko)' }).first();
	await summary.click();
	const editor = page.locator('.ProseMirror').first();
	await expect(editor).toBeFocused();
	await page.keyboard.press('Control+A');
	// As a Hangul or Word document's table comes on the clipboard: HTML, with a plain-text copy.
	await editor.evaluate((el) => {
		const data = new DataTransfer();
		data.setData(
			'text/html',
			'<p>추진 예산</p><table><thead><tr><th>분야</th><th>2026</th><th>2027</th></tr></thead>' +
				'<tbody><tr><td>반도체</td><td>100억</td><td>120억</td></tr>' +
				'<tr><td><p>AI</p><p>인재</p></td><td>40억</td><td></td></tr></tbody></table>'
		);
		data.setData(
			'text/plain',
			'추진 예산\n분야\t2026\t2027\n반도체\t100억\t120억\nAI 인재\t40억\t'
		);
		el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
	});
	await expect(editor.locator('p')).toHaveText([
		'추진 예산',
		'분야 | 2026 | 2027',
		'반도체 | 100억 | 120억',
		'AI 인재 | 40억'
	]);
});

test('a title that did not fit says so until it is shortened', async ({ browser, baseURL }) => {
	const { page } = await oneEditorOnNewRoadmap(browser, baseURL!);
	const title = page.getByRole('textbox', { name: '과제 제목 (ko)' }).first();
	await title.fill('가'.repeat(300));
	const note = page.locator('.collab-field .note', { hasText: '넣지 않았습니다' });
	await expect(note).toHaveText('여기에는 200자까지 들어갑니다. 100자는 넣지 않았습니다.');
	await expect(title).toHaveValue('가'.repeat(200));
	// Shortened, the title has room again: the message goes at once, not when its timer runs out.
	await title.fill('짧은 제목');
	await expect(title).toHaveValue('짧은 제목');
	await expect(note).toHaveCount(0, { timeout: 2_000 });
});

test('a summary written in one language only shows to readers of the other, marked untranslated, until someone translates it', async ({
	browser,
	baseURL
}) => {
	const a = await person(browser, baseURL!, '김민지 사무관');
	const b = await person(browser, baseURL!, 'Jane Chipmaker', 'en-US');
	const roadmapId = await sharedRoadmap(a, [b]);
	const pageA = await a.context.newPage();
	const pageB = await b.context.newPage();
	for (const page of [pageA, pageB]) {
		await page.goto(`/roadmaps/${roadmapId}`);
		await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	}
	// A adds a task and writes its summary in Korean.
	await pageA.getByRole('button', { name: '과제 추가' }).click();
	await expect(pageA.getByTestId('task')).toHaveCount(6);
	await pageA.getByRole('textbox', { name: '요약 (ko)' }).last().click();
	await pageA.keyboard.type('시스템 반도체 설계 인력 부족 해소');

	// B reads English: the new task shows the Korean summary, marked as not translated.
	const newTaskB = pageB.getByTestId('task').last();
	const other = newTaskB.getByTestId('other-summary');
	await expect(other).toContainText('Summary in Korean');
	await expect(other).toContainText('English: not translated');
	await expect(other.locator('[lang="ko"]')).toHaveText('시스템 반도체 설계 인력 부족 해소');
	// Tasks with both languages show no such box.
	await expect(pageB.getByTestId('other-summary')).toHaveCount(1);
	await newTaskB.screenshot({ path: test.info().outputPath('summary-other-language-en.png') });

	// A moves on from her summary.
	await pageA.getByRole('button', { name: '과제 추가' }).focus();
	// B translates it: the Korean stays in view while B writes, no longer marked untranslated;
	// once B leaves the summary, the box goes. A's page never had one.
	await newTaskB.getByRole('textbox', { name: 'Summary (en)' }).click();
	await pageB.keyboard.type('Close the shortage of system chip designers');
	await expect(other.locator('[lang="ko"]')).toHaveText('시스템 반도체 설계 인력 부족 해소');
	await expect(other).not.toContainText('not translated');
	await expect(pageA.getByTestId('other-summary')).toHaveCount(0);
	await newTaskB.getByRole('button', { name: 'Add milestone' }).focus();
	await expect(pageB.getByTestId('other-summary')).toHaveCount(0);
});
