/**
 * Milestone dates in the page's language, not the browser's: an English page takes the reader's
 * own order (DD/MM/YYYY in an en-GB browser, MM/DD/YYYY in an en-US one), a Korean page
 * YYYY.MM.DD, whatever the browser's region, each showing the other's entry in its own order; both take a date written out
 * (2026년 4월 29일, 28 Apr 2026). Keyboard only; bad text is kept with a message naming the
 * format, or saying the calendar has no such day or the year is out of range; a due date before the start is still refused; the calendar
 * button's choice goes through the same path. axe over the fields in both languages.
 */
import { expectNoAxeViolations as axeCheck } from './axe';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { closePeople, person, sharedRoadmap } from './people';

test.afterEach(closePeople);

const expectNoAxeViolations = (page: Page, label: string) =>
	axeCheck(page, label, '[data-testid="milestone"]:first-of-type');

const milestone = (page: Page, id?: string) =>
	id
		? page.locator(`[data-milestone-id="${id}"]`)
		: page.getByTestId('task').first().getByTestId('milestone').first();

/** Types into a date field and leaves it by keyboard, as a person would. */
async function typeDate(field: Locator, text: string) {
	await field.focus();
	await field.press('Control+A');
	await field.pressSequentially(text);
	await field.press('Enter');
}

test('dates are typed and shown in the page’s language, with a calendar one press away', async ({
	browser,
	baseURL
}, testInfo) => {
	const minji = await person(browser, baseURL!, '김민지 사무관');
	const jane = await person(browser, baseURL!, 'Jane Doe', 'en-GB');
	const roadmapId = await sharedRoadmap(minji, [jane]);
	const [ko, en] = [await minji.context.newPage(), await jane.context.newPage()];
	await ko.goto(`/roadmaps/${roadmapId}`);
	await en.goto(`/roadmaps/${roadmapId}`);
	await expect(ko.getByTestId('save-state')).toHaveText('저장됨');
	await expect(en.getByTestId('save-state')).toHaveText('Saved');
	const msEn = milestone(en);
	const msId = (await msEn.getAttribute('data-milestone-id'))!;
	const msKo = milestone(ko, msId);

	const dueKo = msKo.getByRole('textbox', { name: /^이정표 마감일/ });
	const startEn = msEn.getByRole('textbox', { name: /^Milestone start date/ });
	const dueEn = msEn.getByRole('textbox', { name: /^Milestone due date/ });
	await expect(startEn).toHaveAttribute('placeholder', 'DD/MM/YYYY');
	await expect(startEn).toHaveAccessibleDescription(/Format: DD\/MM\/YYYY \(e\.g\. 31\/03\/2026\)/);

	// English in a British browser, day first: 02/03/2026 is the 2nd of March, and since an
	// American reads it as 3 February, the page says which day it took.
	await typeDate(startEn, '02/03/2026');
	await expect(startEn).toHaveValue('02/03/2026');
	await expect(msEn.getByTestId('date-read-as')).toHaveText(
		'Read as 2 Mar 2026: this field takes the day first (DD/MM/YYYY).'
	);
	const startKo = msKo.getByRole('textbox', { name: /^이정표 시작일/ });
	await expect(startKo).toHaveValue('2026.03.02');
	await expect(startKo).toHaveAttribute('placeholder', 'YYYY.MM.DD');

	// Tab order: start, its calendar button, then the due date.
	await startEn.focus();
	await en.keyboard.press('Tab');
	await expect(
		msEn.getByRole('button', { name: /^Pick from a calendar: Milestone start date/ })
	).toBeFocused();
	await en.keyboard.press('Tab');
	await expect(dueEn).toBeFocused();

	// Not a day on the calendar: kept for correcting, saying so; nothing reaches the other page.
	await typeDate(dueEn, '31/04/2026');
	await expect(msEn.getByRole('alert')).toContainText(
		'‘31/04/2026’ is not a day on the calendar, so it was not saved.'
	);
	await expect(dueEn).toHaveValue('31/04/2026');
	await expect(dueEn).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(en, 'en invalid');
	await en.screenshot({ path: testInfo.outputPath('date-entry-en-invalid.png') });
	// A year no plan reaches (a slip of the keyboard): refused, saying which years are taken.
	await typeDate(dueEn, '31/12/9999');
	await expect(msEn.getByRole('alert')).toContainText(
		'‘31/12/9999’ is outside the years 1900–2199, so it was not saved.'
	);
	await expect(dueKo).toHaveValue('');

	// Before the start: refused, and kept as typed for correcting; nothing saved.
	await typeDate(dueEn, '01/03/2026');
	await expect(msEn.getByRole('alert')).toContainText(
		'The due date cannot be before the start date'
	);
	await expect(dueEn).toHaveValue('01/03/2026');
	await expect(dueEn).toHaveAttribute('aria-invalid', 'true');
	await expect(dueKo).toHaveValue('');
	// Then a day the calendar lacks in the same field: its message replaces the refusal above,
	// which was about an entry the field no longer holds.
	await typeDate(dueEn, '45/13/2026');
	await expect(msEn.getByRole('alert')).toContainText('45/13/2026');
	await expect(msEn.getByRole('alert')).not.toContainText('before the start date');
	await typeDate(dueEn, '01/03/2026');
	await expect(msEn.getByRole('alert')).toContainText(
		'The due date cannot be before the start date'
	);
	// Moving both dates earlier, due first: once the start moves, the kept due date goes in.
	await typeDate(startEn, '15/02/2026');
	await expect(dueEn).not.toHaveAttribute('aria-invalid');
	await expect(msEn.getByRole('alert')).toHaveCount(0);
	await expect(dueKo).toHaveValue('2026.03.01');
	await expect(startKo).toHaveValue('2026.02.15');

	// Korean: a due date typed the Korean way reaches the English page in its order.
	await typeDate(dueKo, '2026. 4. 30.');
	await expect(dueKo).toHaveValue('2026.04.30');
	await expect(dueEn).toHaveValue('30/04/2026');
	// Written out, as the page shows dates, in either language.
	await typeDate(dueKo, '2026년 4월 29일');
	await expect(dueKo).toHaveValue('2026.04.29');
	await expect(dueEn).toHaveValue('29/04/2026');
	await typeDate(dueEn, '28 Apr 2026');
	await expect(dueKo).toHaveValue('2026.04.28');
	// Written out, it cannot be misread: nothing to say.
	await expect(msEn.getByTestId('date-read-as')).toHaveText('');
	await typeDate(dueKo, '내일');
	await expect(msKo.getByRole('alert')).toContainText(
		'날짜를 YYYY.MM.DD 형식으로 입력하세요(예: 2026.03.31)'
	);
	await expectNoAxeViolations(ko, 'ko invalid');
	await ko.screenshot({ path: testInfo.outputPath('date-entry-ko-invalid.png') });
	await typeDate(dueKo, '2026.04.30');
	await expect(msKo.getByRole('alert')).toHaveCount(0);

	// A start after the due date is refused; emptying the field again takes the refusal back.
	const clear = async (field: Locator) => {
		await field.fill('');
		await field.press('Enter');
	};
	await clear(startKo);
	await expect(startEn).toHaveValue('');
	await typeDate(startKo, '2026.09.01');
	await expect(msKo.getByRole('alert')).toContainText('시작일은');
	await clear(startKo);
	await expect(msKo.getByRole('alert')).toHaveCount(0);
	await expect(startKo).not.toHaveAttribute('aria-invalid');
	await expect(startEn).toHaveValue('');

	// The calendar button opens the browser's picker; a day chosen there is saved like a typed one.
	// The browser's date input behind it is made on the first press, not with every field.
	const pickers = msKo.locator('input[type="date"][data-testid="date-picker"]');
	await expect(pickers).toHaveCount(0);
	const calendar = msKo.getByRole('button', { name: /^달력에서 고르기: 이정표 마감일/ });
	await calendar.focus();
	await ko.keyboard.press('Enter');
	await expect(pickers).toHaveCount(1);
	await pickers.last().evaluate((input: HTMLInputElement) => {
		input.value = '2026-05-15';
		input.dispatchEvent(new Event('change', { bubbles: true }));
	});
	await expect(dueKo).toHaveValue('2026.05.15');
	await expect(dueEn).toHaveValue('15/05/2026');
	await expectNoAxeViolations(en, 'en');
});

test('an American reader types the month first; the same day reaches every reader in their order', async ({
	browser,
	baseURL
}, testInfo) => {
	// A Korean browser's page stays YYYY.MM.DD even with English among its languages.
	const minji = await person(browser, baseURL!, '김민지 사무관');
	const amy = await person(browser, baseURL!, 'Amy Chen', 'en-US');
	const jane = await person(browser, baseURL!, 'Jane Doe', 'en-GB');
	const roadmapId = await sharedRoadmap(minji, [amy, jane]);
	const pages = [
		await minji.context.newPage(),
		await amy.context.newPage(),
		await jane.context.newPage()
	];
	for (const page of pages) await page.goto(`/roadmaps/${roadmapId}`);
	const [ko, us, gb] = pages;
	await expect(us.getByTestId('save-state')).toHaveText('Saved');
	const msUs = milestone(us);
	const msId = (await msUs.getAttribute('data-milestone-id'))!;
	const startUs = msUs.getByRole('textbox', { name: /^Milestone start date/ });
	const dueUs = msUs.getByRole('textbox', { name: /^Milestone due date/ });
	const startGb = milestone(gb, msId).getByRole('textbox', { name: /^Milestone start date/ });
	const startKo = milestone(ko, msId).getByRole('textbox', { name: /^이정표 시작일/ });
	await expect(startUs).toHaveAttribute('placeholder', 'MM/DD/YYYY');
	await expect(startUs).toHaveAccessibleDescription(/Format: MM\/DD\/YYYY \(e\.g\. 03\/31\/2026\)/);
	await expect(startGb).toHaveAttribute('placeholder', 'DD/MM/YYYY');
	await expect(startKo).toHaveAttribute('placeholder', 'YYYY.MM.DD');

	// 03/02/2026 is March 2 to her, said back in words since a British colleague reads it the
	// other way; every page shows that one day in its reader's order.
	await typeDate(startUs, '03/02/2026');
	await expect(msUs.getByTestId('date-read-as')).toHaveText(
		'Read as 2 Mar 2026: this field takes the month first (MM/DD/YYYY).'
	);
	await expect(startKo).toHaveValue('2026.03.02');
	await expect(startGb).toHaveValue('02/03/2026');
	await expect(startUs).toHaveValue('03/02/2026');
	// A colleague's British habit (the day past 12 first) is a format slip, kept for correcting.
	await typeDate(dueUs, '30/04/2026');
	await expect(msUs.getByRole('alert')).toContainText(
		'Enter the date as MM/DD/YYYY (e.g. 03/31/2026). ‘30/04/2026’ was not saved.'
	);
	await expect(dueUs).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(us, 'en-US invalid');
	await us.screenshot({ path: testInfo.outputPath('date-entry-en-us-invalid.png') });
	await typeDate(dueUs, '04/30/2026');
	await expect(msUs.getByRole('alert')).toHaveCount(0);
	await expect(milestone(ko, msId).getByRole('textbox', { name: /^이정표 마감일/ })).toHaveValue(
		'2026.04.30'
	);

	// The report's period takes her order too, and says so when it cannot read it.
	await us.goto(`/roadmaps/${roadmapId}/report`);
	const since = us.getByRole('textbox', { name: 'Period from' });
	await expect(since).toHaveAttribute('placeholder', 'MM/DD/YYYY');
	await since.fill('01/05/2026');
	await since.press('Tab');
	// Before Apply, the page says which day it read.
	await expect(us.getByTestId('date-read-as')).toHaveText(
		'Read as 5 Jan 2026: this field takes the month first (MM/DD/YYYY).'
	);
	await us.getByRole('button', { name: 'Apply' }).click();
	// The address says the day in ISO, so a British colleague's link reads the same day.
	await expect(us).toHaveURL(/since=2026-01-05$/);
	await expect(us.getByTestId('date-read-as')).toHaveText('');
	// The roadmap was made today, so its report starts today (said under the field), shown in
	// each reader's order.
	const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' })
		.format(new Date())
		.split('-');
	await expect(us.getByTestId('period-note')).toContainText('the day this roadmap was made');
	await expect(since).toHaveValue(`${month}/${day}/${year}`);
	await gb.goto(us.url());
	await expect(gb.getByTestId('period-note')).toContainText('the day this roadmap was made');
	await expect(gb.getByRole('textbox', { name: 'Period from' })).toHaveValue(
		`${day}/${month}/${year}`
	);
});
