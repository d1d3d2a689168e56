/**
 * Two people typing in one title at the same time: each person's run of characters must end up
 * contiguous where they typed it — at the start, at the end, inside the other's word — in
 * Korean and English, and Hangul composed through Chromium's IME must survive the other's
 * keystrokes.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { closePeople, twoEditorsOnOneRoadmap } from './people';

const TITLE = { name: '과제 제목 (ko)' };

test.afterEach(closePeople);

async function openBoth(browser: Parameters<typeof twoEditorsOnOneRoadmap>[0], baseURL: string) {
	const { pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL);
	const titleA = pageA.getByRole('textbox', TITLE).first();
	const titleB = pageB.getByRole('textbox', TITLE).first();
	return { pageA, pageB, titleA, titleB };
}

/** Sets both fields to `text` (through A) and waits until B shows it. */
async function startFrom(titleA: Locator, titleB: Locator, text: string) {
	await titleA.fill(text);
	await expect(titleB).toHaveValue(text);
}

async function caretAt(field: Locator, index: number | 'end') {
	await field.focus();
	await field.evaluate((el: HTMLInputElement, i) => {
		const at = i === 'end' ? el.value.length : i;
		el.setSelectionRange(at, at);
	}, index);
}

/** Types both runs at once, one key each in turn, without waiting for the other to arrive. */
async function typeTogether(pageA: Page, runA: string, pageB: Page, runB: string) {
	const keysA = [...runA];
	const keysB = [...runB];
	const typeAll = async (page: Page, keys: string[]) => {
		for (const key of keys) await page.keyboard.type(key, { delay: 25 });
	};
	await Promise.all([typeAll(pageA, keysA), typeAll(pageB, keysB)]);
}

test('runs typed at the same time at the start and at the end stay whole, in Korean and English', async ({
	browser,
	baseURL
}) => {
	const { pageA, pageB, titleA, titleB } = await openBoth(browser, baseURL!);

	await startFrom(titleA, titleB, '인공지능 반도체');
	await caretAt(titleA, 0);
	await caretAt(titleB, 'end');
	await typeTogether(pageA, '차세대 ', pageB, ' 초격차 전략');
	const korean = '차세대 인공지능 반도체 초격차 전략';
	await expect(titleA).toHaveValue(korean);
	await expect(titleB).toHaveValue(korean);

	await startFrom(titleA, titleB, 'memory');
	await caretAt(titleA, 0);
	await caretAt(titleB, 'end');
	await typeTogether(pageA, 'AI0A1A2A3 ', pageB, ' B0B1B2B3');
	await expect(titleA).toHaveValue('AI0A1A2A3 memory B0B1B2B3');
	await expect(titleB).toHaveValue('AI0A1A2A3 memory B0B1B2B3');
	await expect(pageA.getByTestId('save-state')).toHaveText('저장됨');
});

test("a run typed inside the other person's word stays whole while they keep typing", async ({
	browser,
	baseURL
}) => {
	const { pageA, pageB, titleA, titleB } = await openBoth(browser, baseURL!);
	await startFrom(titleA, titleB, '로드맵 협력');
	await caretAt(titleA, 'end');
	await caretAt(titleB, 2); // 로드|맵
	await typeTogether(pageA, ' 체계 구축', pageB, '[공동]');
	await expect(titleA).toHaveValue('로드[공동]맵 협력 체계 구축');
	await expect(titleB).toHaveValue('로드[공동]맵 협력 체계 구축');
});

test('Hangul composed through the IME arrives intact while the other person types', async ({
	browser,
	baseURL
}) => {
	const { pageA, pageB, titleA, titleB } = await openBoth(browser, baseURL!);
	await startFrom(titleA, titleB, ' 반도체 전략');
	await caretAt(titleA, 0);
	await caretAt(titleB, 'end');
	const ime = await pageA.context().newCDPSession(pageA);
	const compose = (text: string) =>
		ime.send('Input.imeSetComposition', {
			text,
			selectionStart: text.length,
			selectionEnd: text.length
		});
	const others = [...'ZXCVBN'];
	// 한 then 국, each built up jamo by jamo and committed, with B typing between the steps.
	for (const steps of [
		['ㅎ', '하', '한'],
		['ㄱ', '구', '국']
	]) {
		for (const step of steps) {
			await compose(step);
			await pageB.keyboard.type(others.shift() ?? '', { delay: 0 });
			// Let B's keystroke reach A in the middle of the syllable.
			await pageA.waitForTimeout(120);
		}
		await ime.send('Input.insertText', { text: steps[steps.length - 1] });
	}
	const expected = '한국 반도체 전략ZXCVBN';
	await expect(titleA).toHaveValue(expected);
	await expect(titleB).toHaveValue(expected);
	// The caret stayed after what A composed.
	expect(await titleA.evaluate((el: HTMLInputElement) => el.selectionStart)).toBe(2);
	await expect(pageA.getByTestId('save-state')).toHaveText('저장됨');
});

test('a long title wraps and is read whole; Enter and pasted line breaks leave it one line for everyone', async ({
	browser,
	baseURL
}, testInfo) => {
	const { pageA, titleA, titleB } = await openBoth(browser, baseURL!);
	await pageA.setViewportSize({ width: 768, height: 900 });
	const long =
		'국가 인공지능 컴퓨팅 인프라 확충과 차세대 AI 반도체 실증을 위한 민관 합동 추진체계 구축 및 지역 거점 연계 방안 마련';
	await startFrom(titleA, titleB, long);
	// The whole title is on screen: the field grew to several lines instead of scrolling.
	const box = await titleA.evaluate((el: HTMLTextAreaElement) => ({
		scroll: el.scrollHeight,
		client: el.clientHeight,
		lineHeight: parseFloat(getComputedStyle(el).lineHeight)
	}));
	expect(box.scroll).toBeLessThanOrEqual(box.client + 1);
	expect(box.client).toBeGreaterThan(box.lineHeight * 1.8);
	await pageA
		.getByTestId('task')
		.first()
		.screenshot({ path: testInfo.outputPath('long-title-768.png') });

	// Enter adds no line; an inserted line break becomes a space.
	await caretAt(titleA, 'end');
	await pageA.keyboard.press('Enter');
	await pageA.keyboard.type(' 완료');
	// Text inserted with a break in it, as a paste of two lines is.
	await pageA.keyboard.insertText('\n끝');
	// And a break committed by the IME at the end of a composition (a phone keyboard's paste).
	const ime = await pageA.context().newCDPSession(pageA);
	await ime.send('Input.imeSetComposition', { text: '가', selectionStart: 1, selectionEnd: 1 });
	await ime.send('Input.insertText', { text: '가\n나' });
	const expected = `${long} 완료 끝가 나`;
	await expect(titleA).toHaveValue(expected);
	await expect(titleB).toHaveValue(expected);
	await expect(pageA.getByTestId('save-state')).toHaveText('저장됨');
});

test('emptying a title is said at once, to the person who did it, and goes when a title is typed', async ({
	browser,
	baseURL
}) => {
	const { pageA, titleA, titleB } = await openBoth(browser, baseURL!);
	await titleA.focus();
	await titleA.press('Control+A');
	await titleA.press('Delete');
	await expect(titleB).toHaveValue('');
	await expect(titleA).toHaveAttribute('aria-invalid', 'true');
	await expect(titleA).toHaveAccessibleDescription(
		'제목이 비었습니다. 새 제목을 입력하세요. 비워 둔 채 나가면 원래 제목으로 되돌립니다.'
	);
	// The other editor did not empty it: the page tells them nothing they did not do.
	await expect(titleB).not.toHaveAttribute('aria-invalid', 'true');
	await pageA.keyboard.type('AI 반도체');
	await expect(titleB).toHaveValue('AI 반도체');
	await expect(titleA).not.toHaveAttribute('aria-invalid', 'true');
	await expect(titleA).not.toHaveAccessibleDescription(/제목이 비었습니다/);
});

test('a title emptied and left empty gets its text back, for everyone, and says so', async ({
	browser,
	baseURL
}) => {
	const { pageA, titleA, titleB } = await openBoth(browser, baseURL!);
	const before = await titleA.inputValue();
	expect(before).not.toBe('');
	await titleA.focus();
	await titleA.press('Control+A');
	await titleA.press('Delete');
	await expect(titleB).toHaveValue('');
	await expect(titleA).toHaveAccessibleDescription(
		'제목이 비었습니다. 새 제목을 입력하세요. 비워 둔 채 나가면 원래 제목으로 되돌립니다.'
	);
	await titleA.press('Tab');
	await expect(titleA).toHaveValue(before);
	await expect(titleB).toHaveValue(before);
	await expect(pageA.getByTestId('title-restored')).toHaveText(
		`제목은 비워 둘 수 없어 원래 제목으로 되돌렸습니다: ${before}`
	);
	await expect(titleA).not.toHaveAttribute('aria-invalid', 'true');
	await expect(pageA.getByTestId('save-state')).toHaveText('저장됨');
	// It stays after a reload: the text was written back, not only shown.
	await pageA.reload();
	await expect(pageA.getByRole('textbox', TITLE).first()).toHaveValue(before);

	// Emptied, then Undo clicked a while later: the undo brings the title back, and no restore
	// written on the way out of the field is what it takes back instead.
	const again = pageA.getByRole('textbox', TITLE).first();
	await again.focus();
	await again.press('Control+A');
	await again.press('Delete');
	await expect(titleB).toHaveValue('');
	await pageA.waitForTimeout(1000); // past the undo manager's 800 ms: a step of its own
	await pageA.getByTestId('undo').click();
	await expect(again).toHaveValue(before);
	await expect(titleB).toHaveValue(before);
});
