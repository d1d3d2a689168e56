/**
 * A big plan over a slow link. The page judges its socket dead after 1.75 s without a message,
 * and a browser hands over a message only once all of it is in: a doc that took longer than that
 * to arrive made the page drop the socket and ask again, for ever. Pages now ask for long
 * messages in parts (docs/PROTOCOL.md, 105), each a sign of life, and the plan opens. The doc
 * itself comes deflated (106) to a browser that inflates it: a fraction of the bytes.
 */
import { expect, test } from '@playwright/test';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addMilestone, tasksMap } from '../../src/lib/roadmap/doc';
import { closePeople, person, sharedRoadmap } from './people';

test.afterEach(closePeople);

/** Adds milestones to the roadmap as `cookie`'s owner from outside the browser, until saved. */
async function addMilestones(baseURL: string, cookie: string, roadmapId: string, count: number) {
	const headers = { cookie, origin: baseURL };
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(
		`${baseURL.replace(/^http/, 'ws')}/collab`,
		roadmapId,
		doc,
		{
			disableBc: true,
			WebSocketPolyfill: class extends WebSocket {
				constructor(url: string, protocols?: string | string[]) {
					super(url, protocols, { headers });
				}
			} as unknown as typeof globalThis.WebSocket
		}
	);
	let committed = new Map<number, number>();
	provider.messageHandlers[100] = (_encoder, decoder) => {
		committed = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
	};
	for (const type of [101, 103, 104]) provider.messageHandlers[type] = () => {};
	await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
	const taskIds = [...tasksMap(doc).keys()];
	for (let start = 0; start < count; start += 250) {
		doc.transact(() => {
			for (let i = start; i < Math.min(count, start + 250); i++)
				addMilestone(doc, {
					taskId: taskIds[i % taskIds.length],
					title: {
						ko: `과제 마일스톤 ${i + 1}: 차세대 메모리 반도체 시제품 검증`,
						en: `Milestone ${i + 1}: next-generation memory prototype check`
					},
					dueDate: '2027-03-01'
				});
		});
		await expect
			.poll(() => committed.get(doc.clientID) ?? 0, { timeout: 30_000 })
			.toBe(Y.getState(doc.store, doc.clientID));
	}
	provider.destroy();
	return Y.encodeStateAsUpdate(doc).length;
}

test('a big plan opens over a slow link, on one socket', async ({ browser, baseURL }) => {
	const owner = await person(browser, baseURL!, '김민지 사무관');
	const roadmapId = await sharedRoadmap(owner, []);
	const cookie = (await owner.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const docBytes = await addMilestones(baseURL!, cookie, roadmapId, 1500);
	expect(docBytes).toBeGreaterThan(400_000);

	const page = await owner.context.newPage();
	// 2 Mbit/s each way and 40 ms of latency (Chrome's throttling): seconds for that doc.
	const cdp = await owner.context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 40,
		downloadThroughput: 250_000,
		uploadThroughput: 250_000
	});
	const sockets: string[] = [];
	let received = 0;
	let deflatedDoc = false;
	page.on('websocket', (ws) => {
		sockets.push(ws.url());
		ws.on('framereceived', ({ payload }) => {
			if (typeof payload === 'string') return;
			received += payload.length;
			// A part (105) whose slice starts a deflated message (106): the doc, deflated.
			if (payload[0] !== 105) return;
			const decoder = decoding.createDecoder(payload);
			decoding.readVarUint(decoder);
			decoding.readVarUint(decoder);
			if (decoding.readVarUint8Array(decoder)[0] === 106) deflatedDoc = true;
		});
	});
	await page.goto(`/roadmaps/${roadmapId}`);
	await expect(page.getByTestId('plan-status')).toHaveAttribute('data-live', 'true', {
		timeout: 60_000
	});
	await expect(page.getByTestId('save-state')).toHaveText('저장됨');
	await expect(page.getByTestId('task')).toHaveCount(5);
	// The milestones the doc brought are drawn, titles in their fields.
	await expect
		.poll(() =>
			page.evaluate(() =>
				[...document.querySelectorAll('textarea')].some((field) =>
					field.value.startsWith('과제 마일스톤 1: ')
				)
			)
		)
		.toBe(true);
	expect(sockets).toHaveLength(1);
	// The doc came deflated (docs/PROTOCOL.md, 106): a fraction of its bytes crossed the link.
	expect(deflatedDoc).toBe(true);
	expect(received).toBeLessThan(docBytes / 3);
});
