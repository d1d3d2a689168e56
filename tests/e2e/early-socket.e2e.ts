/**
 * A plan view's socket opens from the page's <head> (early-socket.ts), before the app's modules
 * have even arrived, and the page adopts that socket: one socket, and the whole doc comes once.
 */
import { expect, test, type Page } from '@playwright/test';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { closePeople, person, sharedRoadmap } from './people';

test.afterEach(closePeople);

/** The update a y-websocket sync message carries (sync step 2, or an update), else null. */
function syncUpdate(payload: Uint8Array): Uint8Array | null {
	if (payload[0] !== 0 || (payload[1] !== 1 && payload[1] !== 2)) return null;
	const decoder = decoding.createDecoder(payload);
	decoding.readVarUint(decoder);
	decoding.readVarUint(decoder);
	return decoding.readVarUint8Array(decoder);
}

/**
 * Whether this browser's copy of the roadmap (y-indexeddb's updates in IndexedDB) holds all
 * that the server sent: every client's changes, up to the clock the server's updates reach.
 */
async function keptAll(page: Page, roadmapId: string, sent: Uint8Array[]): Promise<boolean> {
	const stored = await page.evaluate(
		(name) =>
			new Promise<number[][]>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const all = db.transaction('updates').objectStore('updates').getAll();
					all.onerror = () => reject(all.error);
					all.onsuccess = () => {
						db.close();
						resolve((all.result as Uint8Array[]).map((u) => Array.from(u)));
					};
				};
			}),
		`ieum-roadmap-${roadmapId}`
	);
	const vector = (updates: Uint8Array[]) => {
		const doc = new Y.Doc();
		for (const update of updates) Y.applyUpdate(doc, update);
		return Y.decodeStateVector(Y.encodeStateVector(doc));
	};
	const have = vector(stored.map((u) => Uint8Array.from(u)));
	const want = vector(sent);
	return want.size > 0 && [...want].every(([client, clock]) => (have.get(client) ?? 0) >= clock);
}

test('the plan’s socket opens while the page’s modules are still loading, and the doc comes once', async ({
	browser,
	baseURL
}) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const roadmapId = await sharedRoadmap(owner, []);
	const page = await owner.context.newPage();
	// The app's modules (its entry and the route's components) arrive 1.5 s late, as on a slow
	// phone or a cold cache.
	let modulesArrived = Infinity;
	await page.route(/\/_app\/immutable\/(entry|nodes)\//, async (route) => {
		const response = await route.fetch();
		await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.fulfill({ response });
		modulesArrived = Math.min(modulesArrived, Date.now());
	});
	const sockets: { url: string; openedAt: number }[] = [];
	const wholeDocs: number[] = [];
	const firstSocketSent: Uint8Array[] = [];
	page.on('websocket', (ws) => {
		sockets.push({ url: ws.url(), openedAt: Date.now() });
		const first = sockets.length === 1;
		ws.on('framereceived', ({ payload }) => {
			if (typeof payload === 'string') return;
			// y-websocket sync step 2 (0, 1) carrying more than a handful of bytes: a doc's state.
			if (payload[0] === 0 && payload[1] === 1 && payload.length > 100)
				wholeDocs.push(payload.length);
			const update = syncUpdate(payload);
			if (first && update) firstSocketSent.push(update);
		});
	});
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	await expect(page.getByRole('textbox', { name: /^과제 제목/ }).first()).toBeEditable();

	expect(sockets.map((s) => s.url)).toEqual([
		// The early socket's URL asks for the whole doc (all=1): the server sends it unasked.
		expect.stringMatching(`/collab/${roadmapId}\\?parts=1&deflated=1&all=1$`)
	]);
	expect(sockets[0].openedAt).toBeLessThan(modulesArrived);
	expect(wholeDocs).toHaveLength(1);
	// The first visit's doc is applied without its 'update' echo, and still kept on this device.
	await expect.poll(() => keptAll(page, roadmapId, firstSocketSent)).toBe(true);
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
	const sent: Uint8Array[] = [];
	await page.routeWebSocket(/\/collab\//, (ws) => {
		const server = ws.connectToServer();
		server.onMessage((message) => {
			const update = typeof message === 'string' ? null : syncUpdate(message);
			if (update) sent.push(update);
			setTimeout(() => ws.send(message), 800);
		});
	});
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	await expect.poll(() => keptAll(page, roadmapId, sent), { timeout: 10_000 }).toBe(true);
});
