import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addTask, readRoadmap, setTaskField } from '../../src/lib/roadmap/doc';
import { docFromLog } from '../../src/lib/server/roadmaps/log';
import { fullStateMessages, MESSAGE_SYNC } from './messages';

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
