/**
 * Worker thread that merges a log's parts into one state (build/state-worker.js): log compaction
 * and a room's answer to newcomers, for roadmaps large enough that building their doc would hold
 * the server's event loop (every room's relays and every page's requests) for a third of a second.
 */
import { parentPort } from 'node:worker_threads';
import { mergeStates } from '../../src/lib/server/roadmaps/merge-state';
import type { MergeAnswer, MergeJob } from './state-merger';

const port = parentPort;
if (!port) throw new Error('state-worker.ts runs as a worker thread only');

port.on('message', (job: MergeJob) => {
	let answer: MergeAnswer;
	try {
		const parts: Uint8Array[] = [];
		let offset = 0;
		for (const length of job.lengths) {
			parts.push(job.bytes.subarray(offset, offset + length));
			offset += length;
		}
		answer = { id: job.id, state: mergeStates(parts) };
	} catch (error) {
		answer = { id: job.id, error: error instanceof Error ? error.message : String(error) };
	}
	// The state is a fresh buffer of its own (lib0's encoder): it moves instead of being copied.
	port.postMessage(answer, answer.state ? [answer.state.buffer as ArrayBuffer] : []);
});
