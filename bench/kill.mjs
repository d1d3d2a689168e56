// npm run bench:kill — several writers edit continuously; the server is killed with SIGKILL at a
// random moment, restarted on the same data, and every update that any peer saw relayed or that
// its writer saw acknowledged as saved must be there. The writers also type into a task's title
// and add milestones, so a kill often lands between a commit and its projection: after each
// restart the JSON API's projection must equal the doc. Needs a build (npm run build).
// Options: --rounds N (default 20), --writers N (default 3). BENCH_DATABASE_URL: run on Postgres.
import * as Y from 'yjs';
import {
	addEditor,
	benchUser,
	createRoadmaps,
	numberOption,
	sleep,
	startOurs,
	stop,
	synced,
	writer
} from './lib.mjs';

const rounds = numberOption('--rounds', 20);
const writerCount = numberOption('--writers', 3);

const TASK = 'bench-task';

let server = await startOurs();
const dataDir = server.dataDir;
const user = await benchUser(server.url);
const [roadmapId] = await createRoadmaps(server.url, user, 1, 'blank');
// Writers take turns between two people, so a catch-up after a kill projects several people's
// edits in one pass, each with its author.
const other = await benchUser(server.url);
await addEditor(server.url, user, [roadmapId], other);
// The Origin must match whichever server is running (each restart takes a new port).
const headersFor = (k = 0) => ({ cookie: [user, other][k % 2].cookie, origin: server.url });

let acknowledged = 0;
let relayedOnly = 0;
let missing = 0;
let written = 0;
let projectionMismatches = 0;
const started = Date.now();

for (let round = 1; round <= rounds; round++) {
	const writers = Array.from({ length: writerCount }, (_, k) =>
		writer(server.ws, roadmapId, headersFor(k))
	);
	await Promise.all(writers.map((w) => synced(w.provider)));
	if (round === 1) addTask(writers[0].doc);
	const pendingAck = writers.map(() => []); // [key, clock] per writer, in order
	const acked = new Set();
	const relayed = new Set();
	writers.forEach((w, i) => {
		w.doc.getMap('bench').observe((event, tx) => {
			if (tx.origin !== w.provider) return;
			for (const key of event.keysChanged) relayed.add(key);
		});
		const check = () => {
			const committed = w.committed.get(w.doc.clientID) ?? 0;
			while (pendingAck[i].length && pendingAck[i][0][1] <= committed)
				acked.add(pendingAck[i].shift()[0]);
		};
		const original = w.provider.messageHandlers[100];
		w.provider.messageHandlers[100] = (...a) => {
			original(...a);
			check();
		};
	});
	const timers = writers.map((w, i) => {
		let n = 0;
		return setInterval(() => {
			const key = `r${round}w${i}n${n++}`;
			w.doc.getMap('bench').set(key, n);
			const title = w.doc.getMap('tasks').get(TASK)?.get('titleEn');
			if (title) {
				// Stay under the 200-character title limit, past which the projection clamps.
				w.doc.transact(() => {
					if (title.length >= 150) title.delete(0, title.length - 149);
					title.insert(title.length, String(n % 10));
				});
			}
			if (n % 10 === 0 && title) addMilestone(w.doc, `ms-${key}`);
			written++;
			pendingAck[i].push([key, Y_clock(w)]);
		}, 15);
	});
	await sleep(300 + Math.random() * 1200);
	await stop(server, 'SIGKILL');
	timers.forEach(clearInterval);
	for (const w of writers) w.provider.destroy();
	const required = new Set([...acked, ...relayed]);
	acknowledged += acked.size;
	relayedOnly += [...relayed].filter((k) => !acked.has(k)).length;

	server = await startOurs({ dataDir });
	const check = writer(server.ws, roadmapId, headersFor());
	await synced(check.provider);
	const present = check.doc.getMap('bench');
	const lost = [...required].filter((k) => !present.has(k));
	missing += lost.length;
	const projectionOk = await projectionEqualsDoc(check.doc);
	if (!projectionOk) projectionMismatches++;
	check.provider.destroy();
	console.log(
		`round ${String(round).padStart(2)}: acknowledged ${String(acked.size).padStart(4)}, relayed-not-acked ${String(
			[...relayed].filter((k) => !acked.has(k)).length
		).padStart(
			3
		)}, missing after restart ${lost.length}${lost.length ? ` (${lost.slice(0, 5).join(', ')})` : ''}, ` +
			`projection ${projectionOk ? 'equals the doc' : 'DIFFERS from the doc'}`
	);
}
await stop(server);

/** A task as the app writes it (see src/lib/roadmap/doc.ts). */
function addTask(doc) {
	doc.transact(() => {
		const map = new Y.Map();
		doc.getMap('tasks').set(TASK, map);
		map.set('position', 1);
		map.set('status', 'planned');
		map.set('progress', 0);
		map.set('suggestedSectors', []);
		map.set('startDate', null);
		map.set('dueDate', null);
		map.set('owners', new Y.Map());
		for (const locale of ['Ko', 'En']) {
			map.set(`title${locale}`, new Y.Text());
			map.set(`summary${locale}`, new Y.XmlFragment());
		}
	});
}

function addMilestone(doc, id) {
	doc.transact(() => {
		const map = new Y.Map();
		doc.getMap('milestones').set(id, map);
		map.set('taskId', TASK);
		map.set('position', doc.getMap('milestones').size);
		map.set('status', 'planned');
		map.set('dueDate', null);
		map.set('titleKo', new Y.Text());
		map.set('titleEn', new Y.Text(id));
	});
}

/** The JSON API (which catches the projection up first) against the doc just synced. */
async function projectionEqualsDoc(doc) {
	const response = await fetch(`${server.url}/api/v1/roadmaps/${roadmapId}`, {
		headers: headersFor()
	});
	const view = await response.json();
	const task = view.tasks?.find((t) => t.id === TASK);
	// Concurrent writers can still push the title past 200 characters; the projection keeps 200.
	const title = (doc.getMap('tasks').get(TASK)?.get('titleEn')?.toString() ?? '').slice(0, 200);
	const docMilestones = [...doc.getMap('milestones').keys()].sort();
	const apiMilestones = (task?.milestones ?? []).map((m) => m.id).sort();
	const equal =
		(task?.titleEn ?? '') === title &&
		JSON.stringify(docMilestones) === JSON.stringify(apiMilestones);
	if (!equal)
		console.log(
			`  API title ${JSON.stringify(task?.titleEn)} vs doc ${JSON.stringify(title)}; ` +
				`milestones ${apiMilestones.length} vs ${docMilestones.length}`
		);
	return equal;
}

function Y_clock(w) {
	// The writer's own clock right after its write: saved once the server's vector reaches it.
	let clock = 0;
	for (const [client, c] of w.doc.store.clients)
		if (client === w.doc.clientID) clock = c[c.length - 1].id.clock + c[c.length - 1].length;
	return clock;
}

console.log(
	`\nkill -9 bench: ${rounds} rounds, ${writerCount} writers, ${written} updates written, ` +
		`${acknowledged} acknowledged as saved, ${relayedOnly} more relayed to peers, missing ${missing}, ` +
		`projection differing from the doc after restart in ${projectionMismatches} rounds ` +
		`(${process.env.BENCH_DATABASE_URL ? 'Postgres' : 'PGlite'}, ${Math.round((Date.now() - started) / 1000)} s)`
);
process.exit(missing === 0 && projectionMismatches === 0 ? 0 : 1);
