import { expect, test, type Locator } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { addMember, closePeople, person, sharedRoadmap, twoEditorsOnOneRoadmap } from './people';
import { chipTitle } from '../../src/lib/collab/presence-location';

test.afterEach(closePeople);

test('two editors co-edit one roadmap live while a viewer watches', async ({
	browser,
	baseURL
}, testInfo) => {
	const officer = await person(browser, baseURL!, '김민지 사무관');
	const planner = await person(browser, baseURL!, '박서준 책임');
	const observer = await person(browser, baseURL!, '최유진 연구원');
	const roadmapId = await sharedRoadmap(officer, [planner]);
	await addMember(officer, roadmapId, observer, 'viewer');

	const a = await officer.context.newPage();
	const b = await planner.context.newPage();
	const v = await observer.context.newPage();
	for (const page of [a, b, v]) await page.goto(`/roadmaps/${roadmapId}`);
	for (const page of [a, b]) await expect(page.getByTestId('save-state')).toHaveText('저장됨');

	// The officer retitles the first task; the planner sees it without reloading.
	const titleA = a.getByRole('textbox', { name: '과제 제목 (ko)' }).first();
	await titleA.fill('차세대 메모리(PIM·NVM) 기술 개발');
	await expect(b.getByRole('textbox', { name: '과제 제목 (ko)' }).first()).toHaveValue(
		'차세대 메모리(PIM·NVM) 기술 개발'
	);
	await expect(a.getByTestId('save-state')).toHaveText('저장됨');

	// The planner sets a status and a due date; the officer sees both.
	await b.getByRole('combobox', { name: '상태', exact: true }).first().selectOption('in_progress');
	await b.getByLabel('마감일').first().fill('2026-12-31');
	await b.getByLabel('마감일').first().press('Enter'); // typed dates are read on Enter or leaving
	await expect(a.getByRole('combobox', { name: '상태', exact: true }).first()).toHaveValue(
		'in_progress'
	);
	await expect(a.getByLabel('마감일').first()).toHaveValue('2026.12.31');

	// The viewer sees everything live and has nothing to edit.
	await expect(v.getByText('보기 권한으로 보고 있습니다')).toBeVisible();
	// A reader has nothing to save: the bar says the plan is up to date, not "saved", and offline
	// it promises the latest on reconnecting, not that changes are kept.
	await expect(v.getByTestId('save-state')).toHaveText('최신 상태');
	await v.context().setOffline(true);
	await expect(v.getByTestId('save-state')).toHaveText(
		'오프라인 — 다시 연결되면 최신 내용이 보입니다'
	);
	await v.context().setOffline(false);
	await expect(v.getByTestId('save-state')).toHaveText('최신 상태');
	await expect(v.getByTestId('task').first().getByRole('heading', { level: 3 })).toHaveText(
		'차세대 메모리(PIM·NVM) 기술 개발'
	);
	await expect(v.getByRole('textbox', { name: '과제 제목 (ko)' })).toHaveCount(0);
	await expect(v.getByRole('button', { name: '+ 과제 추가' })).toHaveCount(0);

	// Presence: each editor sees the other by the name from their account.
	await expect(a.getByRole('list', { name: '지금 함께 있는 사람' })).toContainText('박서준 책임');

	// What was typed is what the server kept: a fresh load shows it.
	await b.getByRole('button', { name: '+ 과제 추가' }).click();
	await expect(a.getByTestId('task')).toHaveCount(6);
	// A new task's empty summary says what belongs there, on screen and to screen readers, to
	// those who may write it, before and after its editor is made; a reader sees no empty box.
	const invitation = '이 과제가 무엇을, 왜 하는지 몇 문장으로 적어 주세요';
	const shownInvitation = (summary: Locator) =>
		summary.evaluate((box) => {
			const holder = box.matches('[data-placeholder]')
				? box
				: box.querySelector('p[data-placeholder]');
			return holder ? getComputedStyle(holder, '::before').content : 'none';
		});
	const newSummary = b.getByTestId('task').last().getByRole('textbox', { name: '요약 (ko)' });
	await expect(newSummary).toHaveAttribute('aria-placeholder', invitation);
	expect(await shownInvitation(newSummary)).toBe(`"${invitation}"`);
	await expect(newSummary).toHaveAttribute('contenteditable', 'true'); // the editor, made when idle
	await expect(newSummary).toHaveAttribute('aria-placeholder', invitation);
	expect(await shownInvitation(newSummary)).toBe(`"${invitation}"`);
	const readerSummary = v.getByTestId('task').last().getByRole('textbox', { name: '요약 (ko)' });
	await expect(v.getByTestId('task')).toHaveCount(6);
	await newSummary.screenshot({ path: testInfo.outputPath('new-task-summary.png') });
	await expectNoAxeViolations(b, 'a new task, its summary inviting', '[data-testid="task"]');
	// A reader gets no box at all while there is nothing to read, so no invitation either.
	await expect(readerSummary).toHaveCount(0);
	await newSummary.click();
	await b.keyboard.type('반도체 설계 인력 양성');
	await expect(newSummary).not.toHaveAttribute('aria-placeholder');
	expect(await shownInvitation(newSummary)).toBe('none');
	await expect(readerSummary).toContainText('반도체 설계 인력 양성');
	await expect(readerSummary).not.toHaveAttribute('aria-placeholder');
	await expect(b.getByTestId('save-state')).toHaveText('저장됨');
	const fresh = await planner.context.newPage();
	await fresh.goto(`/roadmaps/${roadmapId}`);
	await expect(fresh.getByTestId('task')).toHaveCount(6);
	await expect(fresh.getByRole('textbox', { name: '과제 제목 (ko)' }).first()).toHaveValue(
		'차세대 메모리(PIM·NVM) 기술 개발'
	);
	await a.screenshot({ path: testInfo.outputPath('coediting.png'), fullPage: false });

	// The JSON API (SQL projection) agrees with what was typed.
	const view = await (await observer.api.get(`/api/v1/roadmaps/${roadmapId}`)).json();
	expect(view.tasks[0]).toMatchObject({
		titleKo: '차세대 메모리(PIM·NVM) 기술 개발',
		status: 'in_progress',
		dueDate: '2026-12-31'
	});
	expect(view.tasks).toHaveLength(6);

	for (const p of [officer, planner, observer]) await p.context.close();
});

test('edits made offline to a milestone someone else deleted meanwhile are reported, not silently lost', async ({
	browser,
	baseURL
}) => {
	const { pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!);
	const titleB = pageB
		.getByTestId('task')
		.first()
		.getByRole('textbox', { name: '이정표 제목' })
		.first();
	const original = await titleB.inputValue();
	await pageB.context().setOffline(true);
	await expect(pageB.getByTestId('save-state')).toHaveText(/^오프라인/);
	await titleB.fill(`${original} (오프라인에서 고침)`);

	// Meanwhile the other editor deletes that milestone.
	const firstTaskA = pageA.getByTestId('task').first();
	const count = await firstTaskA.getByTestId('milestone').count();
	pageA.once('dialog', (dialog) => void dialog.accept()); // "delete ‘…’?"
	await firstTaskA.getByRole('button', { name: '이정표 삭제' }).first().click();
	await expect(firstTaskA.getByTestId('milestone')).toHaveCount(count - 1);
	await expect(pageA.getByTestId('save-state')).toHaveText('저장됨');

	await pageB.context().setOffline(false);
	await expect(pageB.getByTestId('save-state')).toHaveText('저장됨');
	const lost = pageB.getByTestId('lost-edits');
	await expect(lost).toContainText(`‘${original} (오프라인에서 고침)’`);
	await expect(lost).toContainText('그 변경은 저장되지 않았습니다');
	await lost.getByRole('button', { name: '확인' }).click();
	await expect(lost).toHaveCount(0);
	// The one who deleted it is told nothing: nothing of theirs was lost.
	await expect(pageA.getByTestId('lost-edits')).toHaveCount(0);
});

test('a milestone open on one page that another editor deletes is reported there, with the way to who did it', async ({
	browser,
	baseURL
}) => {
	const { roadmapId, pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!);
	// B has the caret in the second milestone's title, and edits nothing.
	const titleB = pageB
		.getByTestId('task')
		.first()
		.getByRole('textbox', { name: '이정표 제목' })
		.nth(1);
	const title = await titleB.inputValue();
	// It has a comment, which the one deleting it is told goes with it.
	const row = pageB.getByTestId('task').first().getByTestId('milestone').nth(1);
	const commented = await pageB.request.post(`/api/v1/roadmaps/${roadmapId}/comments`, {
		data: {
			taskId: await pageB.getByTestId('task').first().getAttribute('data-task-id'),
			milestoneId: await row.getAttribute('data-milestone-id'),
			body: '일정 확인 부탁드립니다'
		},
		headers: { origin: baseURL! }
	});
	expect(commented.status()).toBe(201);
	const firstTaskA = pageA.getByTestId('task').first();
	await expect(
		firstTaskA.getByTestId('milestone').nth(1).getByTestId('comments-toggle')
	).toContainText('1');
	await titleB.focus();
	await expect(pageA.getByTestId('presence')).toContainText(`‘${chipTitle(title)}’ 편집 중`);

	const asked: string[] = [];
	pageA.once('dialog', (dialog) => {
		asked.push(dialog.message());
		void dialog.accept();
	});
	await firstTaskA.getByRole('button', { name: '이정표 삭제' }).nth(1).click();
	await expect.poll(() => asked).toEqual([`‘${title}’ 이정표와 그 댓글 1개를 삭제할까요?`]);
	const lost = pageB.getByTestId('lost-edits');
	await expect(lost).toContainText(`열어 둔 ‘${title}’ 항목을 다른 사람이 삭제했습니다`);
	await expect(lost).not.toContainText('그 변경은 저장되지 않았습니다');
	await expect(lost.getByRole('link', { name: '변경 기록 보기' })).toHaveAttribute(
		'href',
		/\/activity$/
	);
	await expect(pageA.getByTestId('lost-edits')).toHaveCount(0);

	// On the board, the card in focus is where B is, as a field is in the outline.
	await pageB.getByTestId('view-switcher').getByRole('link', { name: '상태 보드' }).click();
	const card = pageB.getByTestId('board-card').first();
	const cardTitle = await card.getByRole('link').innerText();
	await card.getByRole('link').focus();
	await expect(pageA.getByTestId('presence')).toContainText(`‘${chipTitle(cardTitle)}’ 편집 중`);
});

test('a task still planned whose milestone has begun says so; an editor sets it in one click, a viewer only reads it', async ({
	browser,
	baseURL
}, testInfo) => {
	const officer = await person(browser, baseURL!, '김민지 사무관');
	const observer = await person(browser, baseURL!, '최유진 연구원');
	const roadmapId = await sharedRoadmap(officer, []);
	await addMember(officer, roadmapId, observer, 'viewer');
	const a = await officer.context.newPage();
	const v = await observer.context.newPage();
	for (const page of [a, v]) await page.goto(`/roadmaps/${roadmapId}`);
	await expect(a.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	const task = a.getByTestId('task').first();
	const taskStatus = task.getByRole('combobox', { name: '상태', exact: true });
	await expect(taskStatus).toHaveValue('planned');
	await expect(a.getByTestId('status-hint')).toHaveCount(0);

	await task
		.getByRole('combobox', { name: /^상태: / })
		.first()
		.selectOption('in_progress');
	await expect(task.getByTestId('status-hint')).toHaveText(/이정표로 보면 ‘진행 중’입니다\./);
	await expect(v.getByTestId('task').first().getByTestId('status-hint')).toHaveText(
		'이정표로 보면 ‘진행 중’입니다.'
	);
	await expect(v.getByRole('button', { name: /상태로 바꾸기/ })).toHaveCount(0);
	await task.screenshot({ path: testInfo.outputPath('status-hint-ko.png') });

	await task.getByRole('button', { name: '‘진행 중’ 상태로 바꾸기' }).click();
	await expect(taskStatus).toHaveValue('in_progress');
	// The button went with the hint: focus is on the status it set, not lost to the page.
	await expect(taskStatus).toBeFocused();
	await expect(a.getByTestId('status-hint')).toHaveCount(0);
	await expect(v.getByTestId('status-hint')).toHaveCount(0);
	await expect(
		v.getByTestId('task').first().locator('header .badge.status-in_progress')
	).toBeVisible();
});

test('two editors choosing a status at the same time: the one whose choice lost is told, by name and with both values', async ({
	browser,
	baseURL
}, testInfo) => {
	const { pageA, pageB } = await twoEditorsOnOneRoadmap(browser, baseURL!);
	const statusOf = (page: typeof pageA) =>
		page
			.getByTestId('task')
			.first()
			.getByTestId('milestone')
			.first()
			.getByRole('combobox', {
				name: /^상태: /
			});
	const title = await pageA
		.getByTestId('task')
		.first()
		.getByRole('textbox', { name: '이정표 제목' })
		.first()
		.inputValue();

	// B chooses "차단" offline while A chooses "완료": neither saw the other's choice.
	await pageB.context().setOffline(true);
	await expect(pageB.getByTestId('save-state')).toHaveText(/^오프라인/);
	await statusOf(pageB).selectOption('blocked');
	await statusOf(pageA).selectOption('done');
	await expect(pageA.getByTestId('save-state')).toHaveText('저장됨');
	await pageB.context().setOffline(false);
	await expect(pageB.getByTestId('save-state')).toHaveText('저장됨');

	// One value stands on both pages; which one is Yjs's rule, so the test reads it.
	await expect
		.poll(async () => (await statusOf(pageA).inputValue()) === (await statusOf(pageB).inputValue()))
		.toBe(true);
	const kept = await statusOf(pageA).inputValue();
	expect(['done', 'blocked']).toContain(kept);
	const [loser, winner, loserName] =
		kept === 'done' ? [pageB, pageA, '박서준 책임'] : [pageA, pageB, '김민지 사무관'];
	const winnerName = loserName === '박서준 책임' ? '김민지 사무관' : '박서준 책임';
	const notice = loser.getByTestId('overwrites');
	const change =
		kept === 'done'
			? '상태를 ‘완료’로 바꿔 그 값이 남았습니다. 내가 고른 ‘차단’은 반영되지 않았습니다.'
			: '상태를 ‘차단’으로 바꿔 그 값이 남았습니다. 내가 고른 ‘완료’는 반영되지 않았습니다.';
	await expect(notice).toContainText(`${winnerName}님이 동시에 ‘${title}’의 ${change}`);
	await expect(winner.getByTestId('overwrites')).toHaveCount(0);
	await loser.screenshot({ path: testInfo.outputPath('overwrite-notice.png') });
	// Dismissed, the focus goes back where the reader was, not to the top of the page.
	await statusOf(loser).focus();
	await notice.getByRole('button', { name: '확인' }).click();
	await expect(notice).toHaveCount(0);
	await expect(statusOf(loser)).toBeFocused();

	// A later change by someone who saw the value is an ordinary edit: no notice.
	await statusOf(winner).selectOption('at_risk');
	await expect(statusOf(loser)).toHaveValue('at_risk');
	await statusOf(loser).selectOption('in_progress');
	await expect(statusOf(winner)).toHaveValue('in_progress');
	await expect(loser.getByTestId('overwrites')).toHaveCount(0);
	await expect(winner.getByTestId('overwrites')).toHaveCount(0);
});
