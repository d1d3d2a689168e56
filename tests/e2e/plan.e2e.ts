/**
 * The plan's shape on the roadmap page, with two editors: one sets a milestone's start date and
 * progress and makes the other its owner with a RACI role; the other sees all of it live. A due
 * date before the start and a progress over 100 are refused with a message and change nothing
 * for anyone. An organization made inline shows up for the other editor too; a viewer sees the
 * plan without controls. Screenshots in Korean at 1280 and 768 px are kept as artefacts.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addMember, closePeople, person, twoEditorsOnOneRoadmap, unique } from './people';

test.afterEach(closePeople);

const firstMilestone = (page: Page) =>
	page.getByTestId('task').first().getByTestId('milestone').first();

test('a milestone owner with a role, a start date and progress reach the other editor live; bad dates and progress are refused', async ({
	browser,
	baseURL
}, testInfo) => {
	const { roadmapId, pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!);
	// Heading navigation reaches each task, though an editor's titles are fields: the view's
	// name, then a heading a task.
	await expect(pageA.getByRole('heading', { level: 2, name: '과제 목록' })).toHaveCount(1);
	const taskHeadings = pageA.getByTestId('task').getByRole('heading', { level: 3 });
	await expect(taskHeadings).toHaveCount(5);
	await expect(taskHeadings.first()).toHaveText('차세대 메모리 반도체 기술 개발');
	const msA = firstMilestone(pageA);
	const msId = await msA.getAttribute('data-milestone-id');
	const msB = pageB.locator(`[data-milestone-id="${msId}"]`);

	// A: start date and progress (each field names its milestone, for screen readers).
	const msTitle = await msA.getByRole('textbox', { name: '이정표 제목' }).inputValue();
	const startA = msA.getByRole('textbox', { name: `이정표 시작일: ${msTitle}`, exact: true });
	await expect(startA).toHaveCount(1);
	await startA.fill('2026-03-02');
	await startA.press('Enter'); // typed dates are read on Enter or leaving the field
	await msA.getByLabel('이정표 진행률(%)').fill('40');
	await msA.getByLabel('이정표 진행률(%)').press('Tab');

	// A: 박서준 as the milestone's consulted owner, through the details' picker, by keyboard.
	await msA.getByText('설명과 담당').click();
	const picker = msA.getByRole('combobox', { name: '사람 또는 기관 선택' });
	await picker.selectOption({ label: '박서준 책임' });
	await msA.getByRole('combobox', { name: /^역할 \(/ }).selectOption('consulted');
	await msA.getByRole('button', { name: '담당 지정' }).click();
	await expect(msA.getByTestId('owner')).toContainText('박서준 책임');
	await expect(picker).toBeFocused();
	// An owner is not offered again (picking one again changed their role, unseen): the list
	// above changes roles.
	await expect(picker.locator('option', { hasText: '박서준 책임' })).toHaveCount(0);
	await expect(picker.locator('option', { hasText: '김민지 사무관' })).toHaveCount(1);
	// The next owner starts from the usual role again, not the last one picked.
	await expect(msA.getByRole('combobox', { name: /^역할 \(/ })).toHaveValue('lead');

	// A: a short description, typed into the shared text.
	const descA = msA.getByRole('textbox', { name: '이정표 설명 (ko)' });
	await descA.click();
	await pageA.keyboard.type('시범 사업 범위 확정');

	// B sees all of it without reloading (the description once B opens the details).
	await expect(msB.getByRole('textbox', { name: /^이정표 시작일/ })).toHaveValue('2026.03.02');
	await expect(msB.getByLabel('이정표 진행률(%)')).toHaveValue('40');
	const ownerOnB = msB.getByTestId('owner');
	await expect(ownerOnB).toContainText('박서준 책임');
	await expect(ownerOnB.getByRole('combobox')).toHaveValue('consulted');
	await msB.getByText('설명과 담당').click();
	await expect(msB.getByRole('textbox', { name: '이정표 설명 (ko)' })).toHaveValue(
		'시범 사업 범위 확정'
	);
	// The task's progress now rolls up from its milestones, the same on both pages.
	const taskBarA = pageA.getByTestId('task').first().getByTestId('task-progress');
	const taskBarB = pageB.getByTestId('task').first().getByTestId('task-progress');
	await expect(taskBarB).not.toHaveAttribute('aria-valuenow', '0');
	await expect(taskBarB).toHaveAttribute(
		'aria-valuenow',
		(await taskBarA.getAttribute('aria-valuenow'))!
	);
	await expect(pageB.getByTestId('roadmap-progress')).not.toContainText(' 0%');

	// B: a due date before the start is refused, with a message, and reaches nobody.
	const dueB = msB.getByRole('textbox', { name: /^이정표 마감일/ });
	await dueB.fill('2026-02-27');
	await dueB.press('Enter');
	await expect(msB.getByRole('alert')).toContainText('마감일은 시작일');
	await expect(dueB).toHaveValue('2026-02-27'); // kept as typed, for correcting
	await expect(dueB).toHaveAttribute('aria-invalid', 'true');
	// B: so is a progress over 100.
	const progressB = msB.getByLabel('이정표 진행률(%)');
	await progressB.fill('150');
	await progressB.press('Tab');
	await expect(msB.getByRole('alert')).toContainText('진행률은 0부터 100');
	// Both refusals stay on screen, each on its own line: the second does not hide the first.
	await expect(msB.getByRole('alert').locator('p')).toHaveText([
		/마감일은 시작일/,
		/진행률은 0부터 100/
	]);
	await expect(progressB).toHaveValue('150');
	await expect(progressB).toHaveAttribute('aria-invalid', 'true');
	// Marked as the refused date is.
	await expect(progressB).toHaveCSS('border-top-color', 'rgb(180, 35, 24)');
	// A day the calendar lacks is kept for correcting, marked invalid, and says so…
	await dueB.fill('2026.13.45');
	await dueB.press('Tab');
	await expect(msB.getByRole('alert')).toContainText(
		'‘2026.13.45’는 달력에 없는 날짜라 저장하지 않았습니다'
	);
	await expect(dueB).toHaveValue('2026.13.45');
	await expect(dueB).toHaveAttribute('aria-invalid', 'true');
	// …and text that is not a date at all says the format.
	await dueB.fill('다음 달 말');
	await dueB.press('Tab');
	await expect(msB.getByRole('alert')).toContainText(
		'날짜를 YYYY.MM.DD 형식으로 입력하세요(예: 2026.03.31)'
	);
	await expect(dueB).toHaveValue('다음 달 말');
	await expect(dueB).toHaveAttribute('aria-invalid', 'true');
	// A valid due date goes through, and A sees that one, not the refused ones.
	await dueB.fill('2026-04-30');
	await dueB.press('Enter');
	await expect(dueB).not.toHaveAttribute('aria-invalid');
	await expect(msA.getByRole('textbox', { name: /^이정표 마감일/ })).toHaveValue('2026.04.30');
	await expect(msA.getByLabel('이정표 진행률(%)')).toHaveValue('40');

	// B: an organization made inline, with its sector, becomes the task's supporting owner; A sees it.
	const taskB = pageB.getByTestId('task').first();
	const orgName = `미래반도체연구원 ${unique()}`;
	await taskB.getByRole('combobox', { name: '사람 또는 기관 선택' }).first().selectOption({
		label: '+ 새 기관…'
	});
	await taskB.getByRole('textbox', { name: '새 기관 이름' }).fill(orgName);
	await taskB.getByRole('textbox', { name: '영문 기관명 (선택)' }).fill('Future Chip Institute');
	await taskB.getByRole('combobox', { name: '새 기관의 부문' }).selectOption('academia');
	await taskB
		.getByRole('combobox', { name: /^역할 \(/ })
		.first()
		.selectOption('support');
	await taskB.getByRole('button', { name: '만들고 추가' }).click();
	await expect(taskB.getByTestId('owner').filter({ hasText: orgName })).toContainText('학계');
	const orgOnA = pageA
		.getByTestId('task')
		.first()
		.getByTestId('owner')
		.filter({ hasText: orgName });
	await expect(orgOnA).toContainText('학계');
	await expect(orgOnA.getByRole('combobox')).toHaveValue('support');
	// Its English name came along, for English pages and reports.
	const listed = await pageB.request.get(`/api/v1/organizations?q=${encodeURIComponent(orgName)}`);
	expect((await listed.json()).organizations).toEqual([
		expect.objectContaining({ name: orgName, nameEn: 'Future Chip Institute', sector: 'academia' })
	]);
	// Made again on another task, in other case and spacing: the one that exists is named, and
	// the picker says so; there is still one of it.
	const taskB2 = pageB.getByTestId('task').nth(1);
	await taskB2.getByRole('combobox', { name: '사람 또는 기관 선택' }).first().selectOption({
		label: '+ 새 기관…'
	});
	await taskB2
		.getByRole('textbox', { name: '새 기관 이름' })
		.fill(` ${orgName.replace(' ', '  ')} `);
	await taskB2.getByRole('button', { name: '만들고 추가' }).click();
	await expect(taskB2.getByTestId('owner-picker-note')).toContainText(
		'이미 있어 그 기관을 지정했습니다'
	);
	await expect(taskB2.getByTestId('owner').filter({ hasText: orgName })).toContainText('학계');
	// Made again, as lead, on the task it supports already: it is named, and keeps its role.
	await taskB.getByRole('combobox', { name: '사람 또는 기관 선택' }).first().selectOption({
		label: '+ 새 기관…'
	});
	await taskB.getByRole('textbox', { name: '새 기관 이름' }).fill(orgName);
	await taskB.getByRole('button', { name: '만들고 추가' }).click();
	await expect(taskB.getByTestId('owner-picker-note')).toContainText('이미 담당자입니다');
	await expect(orgOnA.getByRole('combobox')).toHaveValue('support');
	await expect(taskB.getByTestId('owner').filter({ hasText: orgName })).toHaveCount(1);
	const again = await pageB.request.get(`/api/v1/organizations?q=${encodeURIComponent(orgName)}`);
	expect((await again.json()).organizations).toHaveLength(1);
	// A page opened now lists it from the server: made again there, it is named once more and
	// listed once (listed twice, the picker broke: a page error, the form stuck).
	const pageB2 = await pageB.context().newPage();
	const pageErrors: string[] = [];
	pageB2.on('pageerror', (error) => pageErrors.push(error.message));
	await pageB2.goto(`/roadmaps/${roadmapId}`);
	await expect(pageB2.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	const taskB3 = pageB2.getByTestId('task').nth(2);
	const pickerB3 = taskB3.getByRole('combobox', { name: '사람 또는 기관 선택' }).first();
	await pickerB3.selectOption({ label: '+ 새 기관…' });
	await taskB3.getByRole('textbox', { name: '새 기관 이름' }).fill(orgName);
	await taskB3.getByRole('button', { name: '만들고 추가' }).click();
	await expect(taskB3.getByTestId('owner-picker-note')).toContainText(
		'이미 있어 그 기관을 지정했습니다'
	);
	await expect(taskB3.getByTestId('owner').filter({ hasText: orgName })).toContainText('학계');
	// Listed once elsewhere; not at all where it owns already.
	const pickerB4 = pageB2
		.getByTestId('task')
		.nth(3)
		.getByRole('combobox', { name: '사람 또는 기관 선택' })
		.first();
	await expect(pickerB4.locator('option', { hasText: orgName })).toHaveCount(1);
	await expect(pickerB3.locator('option', { hasText: orgName })).toHaveCount(0);
	await expect(taskB3.getByRole('textbox', { name: '새 기관 이름' })).toHaveCount(0);
	expect(pageErrors).toEqual([]);
	await pageB2.close();

	// A viewer sees the same plan, read only: dates, progress, state and owner with role.
	const owner = {
		context: pageA.context(),
		api: pageA.context().request,
		origin: { origin: baseURL! }
	};
	const viewer = await person(browser, baseURL!, '이수진 주무관');
	await addMember(owner, roadmapId, viewer, 'viewer');
	const pageV = await viewer.context.newPage();
	await pageV.goto(`/roadmaps/${roadmapId}`);
	const msV = pageV.locator(`[data-milestone-id="${msId}"]`);
	await expect(msV).toContainText('2026년 3월 2일');
	await expect(msV).toContainText('40%');
	await expect(msV.getByTestId('owner')).toContainText('자문');
	await expect(msV.getByTestId('owner')).toContainText('박서준 책임');
	await expect(msV).toContainText('시범 사업 범위 확정');
	await expect(msV.getByRole('combobox')).toHaveCount(0);
	await expect(msV.getByRole('textbox')).toHaveCount(0);

	// The page stays clean for axe with the details open and a message showing.
	await dueB.fill('2026-01-01');
	await expect(msB.getByRole('alert')).toBeVisible();
	const results = await new AxeBuilder({ page: pageB })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);

	// Screenshots to look at: Korean, 1280 and 768 px wide, the milestone and the page's top.
	for (const width of [1280, 768]) {
		await pageA.setViewportSize({ width, height: 1000 });
		await msA.scrollIntoViewIfNeeded();
		await pageA.screenshot({ path: testInfo.outputPath(`plan-ko-${width}.png`) });
		await pageA.evaluate(() => window.scrollTo(0, 0));
		await pageA.screenshot({ path: testInfo.outputPath(`plan-ko-top-${width}.png`) });
	}
});

test('an owner chosen here but assigned meanwhile by someone else is said so, and not assigned twice', async ({
	browser,
	baseURL
}) => {
	const { pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!);
	const pickerOf = (page: Page) =>
		page.getByTestId('task').first().getByRole('combobox', { name: '사람 또는 기관 선택' }).first();
	// A picks 박서준 and moves to the button, but has not pressed it yet.
	await pickerOf(pageA).selectOption({ label: '박서준 책임' });
	const assignA = pageA.getByTestId('task').first().getByRole('button', { name: '담당 지정' });
	await assignA.focus();
	// B assigns him first.
	await pickerOf(pageB).selectOption({ label: '박서준 책임' });
	await pageB.getByTestId('task').first().getByRole('button', { name: '담당 지정' }).click();
	// A is told, the choice is cleared, and the keyboard is back on the picker.
	await expect(pageA.getByTestId('task').first().getByTestId('owner-picker-note')).toContainText(
		'박서준 책임은 이미 담당자입니다'
	);
	await expect(pickerOf(pageA)).toHaveValue('');
	await expect(pickerOf(pageA)).toBeFocused();
	await expect(
		pageA.getByTestId('task').first().getByTestId('owner').filter({ hasText: '박서준 책임' })
	).toHaveCount(1);
});
