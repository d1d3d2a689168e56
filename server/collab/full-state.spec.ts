import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addTask, readRoadmap, setTaskField, taskTitleText } from '../../src/lib/roadmap/doc';
import { docFromLog } from '../../src/lib/server/roadmaps/log';
import { mergeStates, WORKER_MIN_BYTES } from '../../src/lib/server/roadmaps/merge-state';
import { fullStateMessages, MESSAGE_SYNC, syncStep2FromUpdate } from './messages';
import { NewcomerState } from './newcomer-state';

/** A log as the server stores it: one update per commit; `snapshotAfter` commits compacted. */
function storedLog(commits: number, snapshotAfter: number) {
	const doc = new Y.Doc();
	const rows: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => rows.push(u));
	let taskId = '';
	doc.transact(() => (taskId = addTask(doc, { title: { ko: '과제', en: 'Task' } })));
	for (let i = 1; i < commits; i++) setTaskField(doc, taskId, 'progress', i);
	expect(rows).toHaveLength(commits);
	if (!snapshotAfter) return { doc, parts: rows, fromSnapshot: false };
	const compacted = docFromLog(rows.slice(0, snapshotAfter));
	return {
		doc,
		parts: [Y.encodeStateAsUpdate(compacted), ...rows.slice(snapshotAfter)],
		fromSnapshot: true
	};
}

/** Feeds the messages to a new client as y-websocket would; notes when it counts as synced. */
function receive(messages: Uint8Array[]) {
	const client = new Y.Doc();
	let syncedAfter = -1;
	messages.forEach((message, index) => {
		const decoder = decoding.createDecoder(message);
		expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
		const type = syncProtocol.readSyncMessage(decoder, { length: 0 } as never, client, null);
		if (type === syncProtocol.messageYjsSyncStep2) syncedAfter = index;
	});
	return { client, syncedAfter };
}

describe('the whole state for a client that has nothing, from the stored log', () => {
	it('holds everything once the client is synced: snapshot and the rows after it', () => {
		const { doc, parts, fromSnapshot } = storedLog(30, 20);
		const messages = fullStateMessages(parts, fromSnapshot)!;
		expect(messages).toHaveLength(2); // ten rows merged into one update, then the snapshot
		const { client, syncedAfter } = receive(messages);
		expect(syncedAfter).toBe(messages.length - 1);
		expect(readRoadmap(client)).toEqual(readRoadmap(doc));
		expect(readRoadmap(client).tasks[0].progress).toBe(29);
	});

	it('holds everything from a log never compacted, and from a snapshot alone', () => {
		for (const [commits, snapshotAfter] of [
			[12, 0],
			[12, 12]
		]) {
			const { doc, parts, fromSnapshot } = storedLog(commits, snapshotAfter);
			const messages = fullStateMessages(parts, fromSnapshot)!;
			expect(messages).toHaveLength(1);
			const { client, syncedAfter } = receive(messages);
			expect(syncedAfter).toBe(0);
			expect(Y.encodeStateAsUpdate(client)).toEqual(Y.encodeStateAsUpdate(docFromLog(parts)));
			expect(readRoadmap(client)).toEqual(readRoadmap(doc));
		}
	});

	it('has nothing to say about an empty log', () => {
		expect(fullStateMessages([], false)).toBeNull();
	});
});

describe("a room's answer to newcomers, kept from the log's bytes as the doc changes", () => {
	/** A room's doc built from a stored log, telling `newcomers` each update as the room does. */
	function liveRoom(commits: number, snapshotAfter: number) {
		const { parts, fromSnapshot } = storedLog(commits, snapshotAfter);
		const doc = docFromLog(parts);
		const newcomers = new NewcomerState(parts, fromSnapshot);
		doc.on('update', (update: Uint8Array) => newcomers.add(update));
		const taskId = readRoadmap(doc).tasks[0].id;
		return { parts, doc, newcomers, taskId };
	}

	it('answers with the stored snapshot as it is, then with each change, without encoding the doc', () => {
		const { parts, doc, newcomers, taskId } = liveRoom(30, 20);
		const first = newcomers.messages(doc);
		expect(first.at(-1)).toEqual(syncStep2FromUpdate(parts[0])); // the snapshot's own bytes
		expect(newcomers.messages(doc)).toBe(first); // kept while nothing changes
		for (let i = 0; i < 5; i++) setTaskField(doc, taskId, 'progress', 50 + i);
		const later = newcomers.messages(doc);
		expect(later).not.toBe(first);
		expect(later).toHaveLength(2);
		expect(later.at(-1)).toEqual(syncStep2FromUpdate(parts[0]));
		const { client, syncedAfter } = receive(later);
		expect(syncedAfter).toBe(1);
		expect(readRoadmap(client)).toEqual(readRoadmap(doc));
		expect(readRoadmap(client).tasks[0].progress).toBe(54);
	});

	it('answers a log never compacted, and an empty one once something is written', () => {
		const { doc, newcomers, taskId } = liveRoom(12, 0);
		setTaskField(doc, taskId, 'progress', 77);
		expect(readRoadmap(receive(newcomers.messages(doc)).client)).toEqual(readRoadmap(doc));

		const empty = new Y.Doc();
		const fresh = new NewcomerState([], false);
		empty.on('update', (update: Uint8Array) => fresh.add(update));
		expect(receive(fresh.messages(empty)).syncedAfter).toBe(0);
		empty.transact(() => addTask(empty, { title: { ko: '새 과제', en: 'New task' } }));
		const { client } = receive(fresh.messages(empty));
		expect(readRoadmap(client).tasks.map((t) => t.title.ko)).toEqual(['새 과제']);
	});

	it('encodes the doc once the rows outgrow the snapshot, so deleted text is not sent', () => {
		const { doc, newcomers, taskId } = liveRoom(3, 3);
		const text = taskTitleText(doc, taskId, 'ko')!;
		// Typing and deleting 600 KiB: the updates carry every deleted character.
		for (let i = 0; i < 150; i++) {
			text.insert(0, 'x'.repeat(4096));
			text.delete(0, 4096);
		}
		const messages = newcomers.messages(doc);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toEqual(syncStep2FromUpdate(Y.encodeStateAsUpdate(doc)));
		expect(messages[0].length).toBeLessThan(64 * 1024);
		expect(readRoadmap(receive(messages).client)).toEqual(readRoadmap(doc));
		// The encoded state is the new base: the next change is answered from it and one row.
		setTaskField(doc, taskId, 'progress', 5);
		const next = newcomers.messages(doc);
		expect(next).toHaveLength(2);
		expect(next[1]).toEqual(messages[0]);
		expect(readRoadmap(receive(next).client).tasks[0].progress).toBe(5);
	});

	describe('a large roadmap, whose rows are merged off the event loop', () => {
		/** A merger whose answers the test releases, as a worker's arrive later. */
		function slowMerger() {
			const calls: { parts: Uint8Array[]; release: () => void; fail: () => void }[] = [];
			const merge = (parts: Uint8Array[]) =>
				new Promise<Uint8Array>((resolve, reject) => {
					const copy = parts.map((p) => p.slice()); // a worker gets its own copy
					calls.push({
						parts: copy,
						release: () => resolve(mergeStates(copy)),
						fail: () => reject(new Error('worker gone'))
					});
				});
			return { merge, calls };
		}

		/** A roadmap whose stored snapshot is past WORKER_MIN_BYTES (one long summary-sized title). */
		function largeRoom(merge: ((parts: Uint8Array[]) => Promise<Uint8Array>) | undefined) {
			const doc = new Y.Doc();
			let taskId = '';
			doc.transact(() => (taskId = addTask(doc, { title: { ko: '과제', en: 'Task' } })));
			taskTitleText(doc, taskId, 'en')!.insert(0, 'p'.repeat(WORKER_MIN_BYTES + 1024));
			const snapshot = Y.encodeStateAsUpdate(doc);
			const live = docFromLog([snapshot]);
			const newcomers = new NewcomerState([snapshot], true, merge);
			live.on('update', (update: Uint8Array) => newcomers.add(update));
			return { doc: live, newcomers, taskId, snapshot };
		}

		/** Types and deletes until the rows outgrow the snapshot: they carry every deleted character. */
		function churn(doc: Y.Doc, taskId: string, rounds: number) {
			const text = taskTitleText(doc, taskId, 'ko')!;
			for (let i = 0; i < rounds; i++) {
				text.insert(0, 'x'.repeat(8192));
				text.delete(0, 8192);
			}
		}

		const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

		it('hands the rows to the merger once, answers with every row meanwhile, then from the merged base', async () => {
			const { merge, calls } = slowMerger();
			const { doc, newcomers, taskId, snapshot } = largeRoom(merge);
			churn(doc, taskId, 40); // 320 KiB of rows: more than the snapshot
			expect(calls).toHaveLength(1);
			expect(calls[0].parts[0]).toEqual(snapshot);
			// Still typing while the worker works: no second merge, and newcomers get it all.
			setTaskField(doc, taskId, 'progress', 40);
			expect(calls).toHaveLength(1);
			const meanwhile = newcomers.messages(doc);
			expect(meanwhile.at(-1)).toEqual(syncStep2FromUpdate(snapshot)); // the doc was not encoded
			expect(readRoadmap(receive(meanwhile).client)).toEqual(readRoadmap(doc));

			calls[0].release();
			await flush();
			setTaskField(doc, taskId, 'progress', 41);
			const after = newcomers.messages(doc);
			expect(after).toHaveLength(2); // the merged base, and the rows since
			// The 320 KiB typed and deleted are gone from it (the rows merged may end on an insert
			// whose deletion came after: 8 KiB at most).
			expect(after[1].length).toBeLessThan(snapshot.length + 10 * 1024);
			const { client, syncedAfter } = receive(after);
			expect(syncedAfter).toBe(1);
			expect(readRoadmap(client)).toEqual(readRoadmap(doc));
			expect(readRoadmap(client).tasks[0].progress).toBe(41);
		});

		it('forgets the rows when the merge fails, and a merge that comes back too late is dropped', async () => {
			const { merge, calls } = slowMerger();
			const { doc, newcomers, taskId } = largeRoom(merge);
			churn(doc, taskId, 40);
			calls[0].fail();
			await flush();
			// Forgotten: the next newcomer's answer is the doc itself, encoded once.
			const encoded = newcomers.messages(doc);
			expect(encoded).toEqual([syncStep2FromUpdate(Y.encodeStateAsUpdate(doc))]);

			churn(doc, taskId, 40);
			expect(calls).toHaveLength(2);
			// Ten thousand rows pile up behind that merge: they are forgotten, the doc is encoded.
			for (let i = 0; i <= 10_000; i++) setTaskField(doc, taskId, 'progress', i % 100);
			const fresh = newcomers.messages(doc);
			expect(fresh).toEqual([syncStep2FromUpdate(Y.encodeStateAsUpdate(doc))]);
			calls[1].release(); // the merge comes back now, older than what was encoded
			await flush();
			expect(newcomers.messages(doc)).toBe(fresh);
			setTaskField(doc, taskId, 'progress', 7);
			const next = newcomers.messages(doc);
			expect(next[1]).toEqual(fresh[0]);
			expect(readRoadmap(receive(next).client)).toEqual(readRoadmap(doc));
		});

		it('without a merger, forgets the rows as a small roadmap does', () => {
			const { doc, newcomers, taskId } = largeRoom(undefined);
			churn(doc, taskId, 40);
			expect(newcomers.messages(doc)).toEqual([syncStep2FromUpdate(Y.encodeStateAsUpdate(doc))]);
		});
	});
});
