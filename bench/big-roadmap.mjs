// The large roadmap several benches need: milestones added to a five-task roadmap through a real
// y-websocket provider (the same write path people use), in batches, each waited on until saved.
import * as Y from 'yjs';
import { sleep } from './lib.mjs';

const STATUSES = ['planned', 'in_progress', 'done', 'planned'];

/** Resolves once the server has confirmed (message 100) everything `state.doc` holds. */
export async function waitSaved(state, { server, timeoutMs = 120_000 } = {}) {
	const start = Date.now();
	for (;;) {
		const local = Y.decodeStateVector(Y.encodeStateVector(state.doc));
		if ([...local].every(([c, clock]) => (state.committed.get(c) ?? 0) >= clock)) return;
		if (Date.now() - start > timeoutMs) throw new Error('writes not saved in time');
		if (server && server.child.exitCode !== null) throw new Error('the server exited');
		await sleep(20);
	}
}

/** Adds `perTask` milestones to each task of the synced writer's roadmap; returns their ids. */
export async function addMilestones(state, perTask, { batch = 250, server, log = () => {} } = {}) {
	const taskIds = [...state.doc.getMap('tasks').keys()];
	const milestones = state.doc.getMap('milestones');
	const ids = [];
	let n = 0;
	for (let t = 0; t < taskIds.length; t++) {
		for (let start = 0; start < perTask; start += batch) {
			state.doc.transact(() => {
				for (let i = start; i < Math.min(perTask, start + batch); i++) {
					const id = `ms_bench_${t}_${i}`;
					const m = new Y.Map();
					milestones.set(id, m);
					ids.push(id);
					m.set('taskId', taskIds[t]);
					m.set('position', 100 + i);
					m.set('status', STATUSES[(n++ + t) % STATUSES.length]);
					const day = new Date(Date.UTC(2026, 0, 1) + ((i * 7 + t * 3) % 900) * 86_400_000);
					m.set('dueDate', day.toISOString().slice(0, 10));
					const ko = new Y.Text();
					const en = new Y.Text();
					m.set('titleKo', ko);
					m.set('titleEn', en);
					ko.insert(0, `과제 ${t + 1} 마일스톤 ${i + 1}: 차세대 메모리 반도체 시제품 검증`);
					en.insert(0, `Task ${t + 1} milestone ${i + 1}: next-generation memory prototype check`);
				}
			});
			await waitSaved(state, { server });
		}
		log(`  task ${t + 1}: ${perTask} milestones saved`);
	}
	return { taskIds, milestoneIds: ids };
}
