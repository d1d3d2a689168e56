/**
 * A plan view's socket opens as the app starts (hooks.client.ts), not after the page's modules
 * have loaded and mounted, and the page adopts that socket: one socket, and the whole doc comes
 * once.
 */
import { expect, test, type Page } from '@playwright/test';
import { closePeople, person, sharedRoadmap } from './people';

test.afterEach(closePeople);

/** Bytes of the roadmap's doc kept in this browser's IndexedDB (y-indexeddb's updates). */
function storedBytes(page: Page, roadmapId: string): Promise<number> {
	return page.evaluate(
		(name) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const all = db.transaction('updates').objectStore('updates').getAll();
					all.onerror = () => reject(all.error);
					all.onsuccess = () => {
						db.close();
						resolve((all.result as Uint8Array[]).reduce((n, u) => n + u.byteLength, 0));
					};
				};
			}),
		`ieum-roadmap-${roadmapId}`
	);
}

test('the plan’s socket opens while the page’s modules are still loading, and the doc comes once', async ({
	browser,
	baseURL
}) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const roadmapId = await sharedRoadmap(owner, []);
	const page = await owner.context.newPage();
	// The route's components arrive 1.5 s late, as on a slow phone or a cold cache.
	let componentsArrived = Infinity;
	await page.route(/\/_app\/immutable\/nodes\//, async (route) => {
		const response = await route.fetch();
		await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.fulfill({ response });
		componentsArrived = Math.min(componentsArrived, Date.now());
	});
	const sockets: { url: string; openedAt: number }[] = [];
	const wholeDocs: number[] = [];
	page.on('websocket', (ws) => {
		sockets.push({ url: ws.url(), openedAt: Date.now() });
		ws.on('framereceived', ({ payload }) => {
			// y-websocket sync step 2 (0, 1) carrying more than a handful of bytes: a doc's state.
			if (
				typeof payload !== 'string' &&
				payload[0] === 0 &&
				payload[1] === 1 &&
				payload.length > 100
			)
				wholeDocs.push(payload.length);
		});
	});
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	await expect(page.getByRole('textbox', { name: /^과제 제목/ }).first()).toBeEditable();

	expect(sockets.map((s) => s.url)).toEqual([expect.stringMatching(`/collab/${roadmapId}$`)]);
	expect(sockets[0].openedAt).toBeLessThan(componentsArrived);
	expect(wholeDocs).toHaveLength(1);
	// The first visit's doc is applied without its 'update' echo, and still kept on this device
	// (the message is the doc's update behind a header of a few bytes).
	await expect.poll(() => storedBytes(page, roadmapId)).toBeGreaterThanOrEqual(wholeDocs[0] - 8);
	// Only the first load is slowed. A module still held back when the page moves on (a preload
	// for a link, say) would have its fetched response disposed under the waiting handler.
	await page.unrouteAll({ behavior: 'ignoreErrors' });

	// Another view of the same plan keeps that one socket; a reload opens one again.
	await page.getByTestId('view-switcher').getByRole('link', { name: '상태 보드' }).click();
	await expect(page.getByTestId('board')).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	expect(sockets).toHaveLength(2);
});

test('a plan that arrives after the local copy has opened is kept on this device too', async ({
	browser,
	baseURL
}) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const roadmapId = await sharedRoadmap(owner, []);
	const page = await owner.context.newPage();
	// The server's messages come 800 ms late, in order: the browser's store is open by then.
	const wholeDocs: number[] = [];
	await page.routeWebSocket(/\/collab\//, (ws) => {
		const server = ws.connectToServer();
		server.onMessage((message) => {
			if (typeof message !== 'string' && message[0] === 0 && message[1] === 1)
				wholeDocs.push(message.length);
			setTimeout(() => ws.send(message), 800);
		});
	});
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	expect(wholeDocs.length).toBeGreaterThan(0);
	await expect
		.poll(() => storedBytes(page, roadmapId), { timeout: 10_000 })
		.toBeGreaterThanOrEqual(Math.max(...wholeDocs) - 8);
});
