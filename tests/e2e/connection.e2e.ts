/**
 * What the connection indicator and the presence list tell people, with the network really cut
 * (Chromium's offline emulation) and restored, and while someone types.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { oneEditorOnNewRoadmap, person, sharedRoadmap } from './people';

// Two browser contexts against the production build on a shared machine: 30 s is tight.
test.describe.configure({ timeout: 90_000 });

/**
 * Records, inside the page and in page time, what the save indicator shows, each document update
 * the page sends (its client id and first clock) and each `saved` (100) it receives (the committed
 * state vector): exactly what the indicator reacts to. The server commits an update whole, so an
 * update is confirmed by the first `saved` whose clock for its client is past its first clock.
 */
async function recordInPage(context: BrowserContext) {
	await context.addInitScript(() => {
		const log = {
			indicator: [] as { text: string; at: number }[],
			updates: [] as { at: number; client: number; clock: number }[],
			saved: [] as { at: number; vector: Record<number, number> }[]
		};
		Object.assign(window, { ieumTest: log });
		/** lib0 varUint decoding (7 bits a byte, high bit: more follows). */
		const reader = (bytes: Uint8Array) => {
			let pos = 0;
			return () => {
				let value = 0;
				let scale = 1;
				for (;;) {
					const byte = bytes[pos++];
					value += (byte & 127) * scale;
					if (byte < 128) return value;
					scale *= 128;
				}
			};
		};
		const NativeWebSocket = window.WebSocket;
		window.WebSocket = class extends NativeWebSocket {
			constructor(url: string | URL, protocols?: string | string[]) {
				super(url, protocols);
				this.addEventListener('message', (event) => {
					if (!(event.data instanceof ArrayBuffer)) return;
					const read = reader(new Uint8Array(event.data));
					if (read() !== 100) return;
					read(); // byte length of the state vector
					const vector: Record<number, number> = {};
					for (let n = read(); n > 0; n--) vector[read()] = read();
					log.saved.push({ at: Date.now(), vector });
				});
			}
			send(data: Parameters<WebSocket['send']>[0]) {
				if (ArrayBuffer.isView(data)) {
					const read = reader(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
					// sync (0), update (2), byte length, then the update: clients, structs, client, clock
					if (read() === 0 && read() === 2 && (read(), read() > 0)) {
						read();
						log.updates.push({ at: Date.now(), client: read(), clock: read() });
					}
				}
				super.send(data);
			}
		};
		addEventListener('DOMContentLoaded', () => {
			const el = document.querySelector('[data-testid="save-state"]');
			if (!el) return;
			new MutationObserver(() =>
				log.indicator.push({ text: el.textContent ?? '', at: Date.now() })
			).observe(el, { childList: true, characterData: true, subtree: true });
		});
	});
}

type Recorded = {
	indicator: { text: string; at: number }[];
	updates: { at: number; client: number; clock: number }[];
	saved: { at: number; vector: Record<number, number> }[];
};
const recorded = (page: Page) =>
	page.evaluate(() => (window as unknown as { ieumTest: Recorded }).ieumTest);

/** An owner and an editor, each with the same new roadmap open. */
async function twoEditors(browser: Browser, baseURL: string) {
	const officer = await person(browser, baseURL, '김민지 사무관', 'ko-KR', recordInPage);
	const planner = await person(browser, baseURL, '박서준 책임', 'ko-KR', recordInPage);
	const roadmapId = await sharedRoadmap(officer, [planner], 'editor', '탄소중립 산업 전환 로드맵');
	const a = await officer.context.newPage();
	const b = await planner.context.newPage();
	for (const page of [a, b]) {
		await page.goto(`/roadmaps/${roadmapId}`);
		await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	}
	return { officer, planner, a, b };
}

const presence = (page: Page, name: string) =>
	page.getByRole('list', { name: '지금 함께 있는 사람' }).getByText(name);
const title = (page: Page) => page.getByRole('textbox', { name: '과제 제목 (ko)' }).first();

test('a cut network shows Offline within 2 s, the other editor sees them leave within 10 s, and reconnecting saves within 2 s', async ({
	browser,
	baseURL
}) => {
	const { officer, planner, a, b } = await twoEditors(browser, baseURL!);
	await expect(presence(b, '김민지 사무관')).toBeVisible();
	await expect(presence(a, '박서준 책임')).toBeVisible();
	// The planner's network is fine throughout: its page must not take the quiet for a dead link.
	let plannerReconnects = 0;
	b.on('websocket', () => plannerReconnects++);

	const cutAt = Date.now();
	await officer.context.setOffline(true);
	await expect(a.getByTestId('save-state')).toHaveText(/^오프라인/, { timeout: 2_000 });
	const offlineAfter = Date.now() - cutAt;
	await expect(presence(b, '김민지 사무관')).toHaveCount(0, { timeout: 10_000 });
	const goneAfter = Date.now() - cutAt;
	// The officer's page does not pretend the planner is still with them either.
	await expect(presence(a, '박서준 책임')).toHaveCount(0);

	// An edit made while offline is kept on the device...
	await title(a).fill('산업 공정 전환 (오프라인에서 수정)');
	await expect(a.getByTestId('save-state')).toHaveText(/^오프라인/);

	// ...and reaches the other editor as soon as the network is back.
	const backAt = Date.now();
	await officer.context.setOffline(false);
	await expect(a.getByTestId('save-state')).toHaveText('저장됨', { timeout: 2_000 });
	const savedAfter = Date.now() - backAt;
	await expect(title(b)).toHaveValue('산업 공정 전환 (오프라인에서 수정)');
	await expect(presence(b, '김민지 사무관')).toBeVisible({ timeout: 5_000 });
	await expect(presence(a, '박서준 책임')).toBeVisible({ timeout: 5_000 });

	expect(plannerReconnects).toBe(0);
	test.info().annotations.push({
		type: 'timings',
		description: `offline shown after ${offlineAfter} ms, presence gone after ${goneAfter} ms, saved ${savedAfter} ms after reconnecting`
	});
	for (const p of [officer, planner]) await p.context.close();
});

test('typing for a second shows "Saving…" only for a change that waited over 300 ms', async ({
	browser,
	baseURL
}) => {
	const { officer, planner, a, b } = await twoEditors(browser, baseURL!);
	const field = title(a);
	await field.click();
	await field.press('End');
	const before = await recorded(a);
	const started = Date.now();
	await field.pressSequentially(' — 2030년까지 단계적 이행', { delay: 60 });
	const typedFor = Date.now() - started;
	// Everything typed is saved and has reached the other editor.
	await expect(title(b)).toHaveValue(/2030년까지 단계적 이행$/);
	await expect(a.getByTestId('save-state')).toHaveText('저장됨');

	const { indicator, updates, saved } = await recorded(a);
	const typed = updates.slice(before.updates.length);
	const changes = indicator.slice(before.indicator.length);
	const confirmedAt = (update: Recorded['updates'][number]) =>
		saved.find((s) => s.at >= update.at && (s.vector[update.client] ?? 0) > update.clock)?.at ??
		Infinity;
	const slowest = Math.max(...typed.map((u) => confirmedAt(u) - u.at));
	test.info().annotations.push({
		type: 'indicator',
		description: `${typed.length} updates in ${typedFor} ms of typing; slowest save ${slowest} ms; indicator changes: ${JSON.stringify(changes.map((c) => c.text))}`
	});
	expect(typed.length).toBeGreaterThan(10);
	// Every "Saving…" is owed to an update that had by then waited ~300 ms for its `saved`
	// (20 ms for timer slack). A per-keystroke flicker shows it for updates a few ms old.
	for (const change of changes.filter((c) => c.text === '저장 중…')) {
		const oldestWaiting = typed.find((u) => u.at <= change.at && confirmedAt(u) > change.at);
		expect(oldestWaiting, `"Saving…" at ${change.at} with nothing waiting`).toBeDefined();
		expect(change.at - oldestWaiting!.at).toBeGreaterThanOrEqual(280);
	}
	// So when every save was fast, the indicator never moved.
	if (slowest < 280) expect(changes).toEqual([]);
	for (const p of [officer, planner]) await p.context.close();
});

test('a first visit waits for the server’s plan: no empty plan, no "Offline", no "Saving" while the doc is on its way', async ({
	browser,
	baseURL
}) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const roadmapId = await sharedRoadmap(owner, []);
	const page = await owner.context.newPage();
	// The server's messages arrive 1.5 s late: long enough to see what the page shows meanwhile.
	await page.routeWebSocket(/\/collab/, (ws) => {
		const server = ws.connectToServer();
		server.onMessage((message) => setTimeout(() => ws.send(message), 1500));
	});
	await page.addInitScript(() => {
		const seen = new Set<string>();
		Object.assign(window, { ieumSeen: seen });
		const look = () => {
			// While the server's HTML is still being parsed, its first part (the header) can be
			// drawn before the tasks arrive: that is the page loading, not an empty plan.
			if (document.readyState === 'loading') return requestAnimationFrame(look);
			const state = document.querySelector('[data-testid="save-state"]')?.textContent;
			const tasks = document.querySelectorAll('[data-testid="task"]').length;
			if (state) seen.add(`${state} · tasks ${tasks}`);
			requestAnimationFrame(look);
		};
		requestAnimationFrame(look);
	});
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true');
	await expect(page.getByRole('textbox', { name: /^과제 제목/ }).first()).toBeVisible();
	const seen = await page.evaluate(() => [
		...(window as unknown as { ieumSeen: Set<string> }).ieumSeen
	]);
	expect(seen.filter((s) => /오프라인|저장 중|tasks 0/.test(s))).toEqual([]);
	expect(seen).toContain('저장됨 · tasks 5');
});

test('the save state and undo stay in view down the plan, and a field taking focus is not hidden under them', async ({
	browser,
	baseURL
}) => {
	const { owner, page } = await oneEditorOnNewRoadmap(browser, baseURL!);
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
	await owner.context.setOffline(true);
	await expect(page.getByTestId('save-state')).toHaveText(/^오프라인/, { timeout: 2_000 });
	await expect(page.getByTestId('save-state')).toBeInViewport();
	await expect(page.getByRole('group', { name: '되돌리기와 다시 실행' })).toBeInViewport();
	await owner.context.setOffline(false);
	await expect(page.getByTestId('save-state')).toHaveText('저장됨', { timeout: 5_000 });

	// A title scrolled just under the bar and given focus comes out from under it, also where
	// the bar wraps onto more lines (a narrow window).
	const bar = page.getByTestId('plan-status');
	const third = page.locator('[data-testid="task"] .collab-field.title textarea').nth(2);
	for (const width of [1280, 420]) {
		await page.setViewportSize({ width, height: 720 });
		await third.evaluate((el) => el.blur());
		await third.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 10));
		expect((await third.boundingBox())!.y).toBeLessThan(20);
		await third.evaluate((el) => el.focus());
		const box = (await bar.boundingBox())!;
		expect((await third.boundingBox())!.y, `${width} px`).toBeGreaterThanOrEqual(
			box.y + box.height
		);
		test
			.info()
			.annotations.push({ type: 'bar', description: `${width} px: ${box.height} px tall` });
	}
	await owner.context.close();
});
