/** Test people for the e2e suite: signed up through the app's own forms, invited by its API. */
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

export const unique = () => Math.random().toString(36).slice(2, 8);

const opened: Person['context'][] = [];

/** Closes every context `person()` opened: pages left open keep their sockets and timers busy. */
export async function closePeople(): Promise<void> {
	await Promise.all(opened.splice(0).map((context) => context.close()));
}

export interface Person {
	context: Awaited<ReturnType<Browser['newContext']>>;
	api: APIRequestContext;
	origin: { origin: string };
}

/** A signed-in browser context (Korean unless told otherwise). */
export async function person(
	browser: Browser,
	baseURL: string,
	name: string,
	locale = 'ko-KR',
	/** Runs on the new context before any page opens (e.g. an init script). */
	prepare?: (context: Person['context']) => Promise<void>
): Promise<Person> {
	const context = await browser.newContext({ locale, baseURL });
	opened.push(context);
	await prepare?.(context);
	const origin = { origin: baseURL };
	const signup = await context.request.post('/signup', {
		form: { name, email: `${unique()}@example.org`, password: '함께 쓰는 로드맵' },
		headers: { ...origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(signup.status()).toBe(303);
	return { context, api: context.request, origin };
}

/** A roadmap of `owner`'s from the five-task template, shared with `others` in `role`. */
export async function sharedRoadmap(
	owner: Person,
	others: Person[],
	role = 'editor',
	title = '반도체·AI 협력 로드맵'
): Promise<string> {
	const created = await owner.api.post('/api/v1/roadmaps', {
		data: { title, template: 'five-tasks' },
		headers: owner.origin
	});
	expect(created.status()).toBe(201);
	const roadmapId = (await created.json()).id as string;
	for (const other of others) await addMember(owner, roadmapId, other, role);
	return roadmapId;
}

/** `other` joins `owner`'s roadmap in `role` through an invitation link. */
export async function addMember(owner: Person, roadmapId: string, other: Person, role: string) {
	const response = await owner.api.post(`/api/v1/roadmaps/${roadmapId}/invitations`, {
		data: { role },
		headers: owner.origin
	});
	expect(response.status()).toBe(201);
	const token = (await response.json()).token as string;
	const accepted = await other.api.post(`/api/v1/invitations/${token}/accept`, {
		headers: other.origin
	});
	expect(accepted.status()).toBe(200);
}

/**
 * Two editors (김민지, the owner, and 박서준) on one new five-task roadmap, each with the page
 * open and saved.
 */
export async function twoEditorsOnOneRoadmap(
	browser: Browser,
	baseURL: string,
	/** Where on the roadmap both open, after /roadmaps/<id> (a view, a query). */
	path = ''
): Promise<{ roadmapId: string; pageA: Page; pageB: Page }> {
	const a = await person(browser, baseURL, '김민지 사무관');
	const b = await person(browser, baseURL, '박서준 책임');
	const roadmapId = await sharedRoadmap(a, [b]);
	const pageA = await a.context.newPage();
	const pageB = await b.context.newPage();
	for (const page of [pageA, pageB]) {
		await page.goto(`/roadmaps/${roadmapId}${path}`);
		await expect(page.getByTestId('save-state')).toHaveText('저장됨');
		await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	}
	return { roadmapId, pageA, pageB };
}

/** One editor (the owner) on a new five-task roadmap's page, live. */
export async function oneEditorOnNewRoadmap(
	browser: Browser,
	baseURL: string
): Promise<{ owner: Person; roadmapId: string; page: Page }> {
	const owner = await person(browser, baseURL, '김민지 사무관');
	const roadmapId = await sharedRoadmap(owner, []);
	const page = await owner.context.newPage();
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	return { owner, roadmapId, page };
}
