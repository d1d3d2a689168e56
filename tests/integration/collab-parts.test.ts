/**
 * Long messages in parts (docs/PROTOCOL.md, 105): a page asks with `?parts=1`, and a big
 * roadmap's whole doc then comes in slices of at most PART_BYTES, each a sign of life to the
 * page's heartbeat, that put back together are the doc. Other clients get it whole, as before.
 */
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inflateRawSync } from 'node:zlib';
import {
	askForEverything,
	MESSAGE_DEFLATED,
	MESSAGE_PART,
	PART_BYTES
} from '../../server/collab/messages';
import { PartAssembler } from '../../src/lib/collab/parts';
import { addMilestone, readRoadmap, tasksMap } from '../../src/lib/roadmap/doc';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import { startTestApp, type TestApp } from '../helpers/app';
import { headersFor, rawSocket } from '../helpers/collab-client';
import { databaseKinds } from '../helpers/databases';
import { buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';

/**
 * Asks for the whole doc (by message, or by `?all=1` when `unasked`); returns every frame until
 * the sync step 2 that carries it.
 */
async function fetchWholeDoc(
	app: TestApp,
	path: string,
	headers: Record<string, string>,
	{ unasked = false } = {}
) {
	const raw = rawSocket(app, path, headers);
	const frames: Uint8Array[] = [];
	const parts = new PartAssembler();
	let deflated = false;
	/** Sync updates before the sync step 2: the log's rows after its snapshot. */
	const updates: Uint8Array[] = [];
	const docMessage = new Promise<Uint8Array>((resolve) =>
		raw.ws.on('message', (data: Buffer) => {
			const frame = new Uint8Array(data);
			frames.push(frame);
			let message: Uint8Array | null = frame;
			if (frame[0] === MESSAGE_PART) {
				const decoder = decoding.createDecoder(frame);
				decoding.readVarUint(decoder);
				message = parts.add(decoding.readVarUint(decoder), decoding.readVarUint8Array(decoder));
			}
			if (message && message[0] === MESSAGE_DEFLATED) {
				deflated = true;
				const decoder = decoding.createDecoder(message);
				decoding.readVarUint(decoder);
				message = new Uint8Array(inflateRawSync(decoding.readVarUint8Array(decoder)));
			}
			if (message && message[0] === 0 && message[1] === 2) updates.push(message); // rows first
			if (message && message[0] === 0 && message[1] === 1) resolve(message);
		})
	);
	await raw.opened;
	if (!unasked) raw.ws.send(askForEverything());
	const message = await docMessage;
	raw.ws.close();
	const doc = new Y.Doc();
	for (const sync of [...updates, message]) {
		const decoder = decoding.createDecoder(sync);
		decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
		Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
	}
	return { frames, doc, deflated, bytes: frames.reduce((sum, f) => sum + f.length, 0) };
}

describe.each(databaseKinds())('long messages in parts on %s', (kind) => {
	let app: TestApp;
	let owner: BuiltUser;
	const db = () => app.services.database.db;

	beforeAll(async () => {
		app = await startTestApp(kind);
		owner = await buildUser(db(), { name: '김민지' });
	});
	afterAll(() => app?.close());

	/** A roadmap whose doc is well past PART_BYTES: 600 milestones. */
	async function bigRoadmap() {
		const roadmap = await buildRoadmap(db(), owner.id);
		await app.services.collab.change(roadmap.id, owner.id, (doc) => {
			const taskIds = [...tasksMap(doc).keys()];
			for (let i = 0; i < 600; i++)
				addMilestone(doc, {
					taskId: taskIds[i % taskIds.length],
					title: { ko: `시제품 검증 단계 ${i + 1}`, en: `Prototype check, step ${i + 1}` },
					dueDate: '2027-03-01'
				});
		});
		return roadmap;
	}

	it('sends a big doc in slices to a page that asks for parts, and whole to anyone else', async () => {
		const roadmap = await bigRoadmap();
		const stored = readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc);
		const headers = headersFor(app, owner.browser);

		const inParts = await fetchWholeDoc(app, `/collab/${roadmap.id}?parts=1`, headers);
		const sliced = inParts.frames.filter((f) => f[0] === MESSAGE_PART);
		expect(sliced.length).toBeGreaterThanOrEqual(2);
		for (const frame of inParts.frames) expect(frame.length).toBeLessThanOrEqual(PART_BYTES + 16);
		expect(readRoadmap(inParts.doc)).toEqual(stored);

		const whole = await fetchWholeDoc(app, `/collab/${roadmap.id}`, headers);
		expect(whole.frames.some((f) => f[0] === MESSAGE_PART)).toBe(false);
		expect(Math.max(...whole.frames.map((f) => f.length))).toBeGreaterThan(PART_BYTES);
		expect(readRoadmap(whole.doc)).toEqual(stored);

		// A page's early socket (`?all=1`) is sent the doc without asking for it.
		const unasked = await fetchWholeDoc(app, `/collab/${roadmap.id}?parts=1&all=1`, headers, {
			unasked: true
		});
		expect(readRoadmap(unasked.doc)).toEqual(stored);
		const docReplies = unasked.frames.filter((f) => f[0] === 0 && f[1] === 1);
		expect(docReplies).toHaveLength(0); // it came in parts, not whole
		expect(unasked.frames.filter((f) => f[0] === MESSAGE_PART).length).toBe(sliced.length);
	});

	it('sends a big doc deflated to a page that inflates, and as it is to anyone else', async () => {
		const roadmap = await bigRoadmap();
		const stored = readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc);
		const headers = headersFor(app, owner.browser);
		const plain = await fetchWholeDoc(app, `/collab/${roadmap.id}?parts=1`, headers);
		expect(plain.deflated).toBe(false);
		// Deflating runs on the thread pool, and the page waits the few ms it takes.
		const fetched = await fetchWholeDoc(app, `/collab/${roadmap.id}?parts=1&deflated=1`, headers);
		expect(fetched.deflated).toBe(true);
		expect(readRoadmap(fetched.doc)).toEqual(stored);
		expect(fetched.bytes).toBeLessThan(plain.bytes / 3);
		for (const frame of fetched.frames) expect(frame.length).toBeLessThanOrEqual(PART_BYTES + 16);

		// An edit after it: the rows after the snapshot come as they are, the snapshot still deflated.
		await app.services.collab.change(roadmap.id, owner.id, (doc) => {
			addMilestone(doc, {
				taskId: [...tasksMap(doc).keys()][0],
				title: { ko: '추가 단계', en: 'One more step' }
			});
		});
		const after = await fetchWholeDoc(app, `/collab/${roadmap.id}?parts=1&deflated=1`, headers);
		expect(after.deflated).toBe(true);
		expect(readRoadmap(after.doc)).toEqual(
			readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc)
		);
	});
});
