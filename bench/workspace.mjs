// The workspace with a big plan (issue 10): a roadmap of 5 tasks × 2,000 milestones, written
// through the websocket as people write, then opened in Chromium. Measures
//   - the server's render of /roadmaps/<id> (full HTML response),
//   - "synced and interactive" on /roadmaps/<id>: from navigation until the page says Saved and
//     shows its tasks (a fresh browser profile each run: no local copy in IndexedDB),
//   - the outline's first pages drawn: until every task shows its first page of rows (the rest
//     of the outline is drawn after the first frame), and the main thread's work by then,
//   - the timeline's first paint: /roadmaps/<id>/timeline until its first bar is drawn, synced,
//   - a drag of a timeline bar: the main thread's work per pointer move (Chrome's own counters),
//     the frame intervals while dragging (requestAnimationFrame) and the drop (one write, which
//     every row is re-read for).
//
//   node bench/workspace.mjs [--milestones 2000] [--runs 3] [--moves 60] [--profile] [--trace]
//                            [--latency MS --mbps N]
// --latency/--mbps load the pages over a slow link instead of localhost's: a throttling proxy
// between Chromium and the server (bench/slow-link.mjs: MS of latency each way, N Mbit/s down
// and up).
// --profile prints where the page's main thread spent the last run's outline load (the server
// warm: the first run also pays for its lazily loaded modules and a heap grown by the writing),
// self time by function and by script, from Chrome's sampling profiler; BENCH_PROFILE_OUT=FILE also writes
// that profile (a .cpuprofile that Chrome's DevTools opens) for its call trees.
// --trace prints the same load from Chrome's trace: the main thread's time by kind of work
// (parsing, script, style, layout, paint), its long tasks in order, and when the page's requests
// and its websocket's handshake were sent and answered (as the main thread saw them);
// BENCH_TRACE_OUT=FILE keeps that trace.
// Goals: synced and interactive ≤ 1 s; a drag frame ≤ 16 ms.
import { existsSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { addMilestones, waitSaved } from './big-roadmap.mjs';
import { startSlowLink } from './slow-link.mjs';
import {
	benchUser,
	createRoadmaps,
	eventLoopDelays,
	numberOption,
	percentile,
	probedNodeArgs,
	startOurs,
	stop,
	synced,
	writer
} from './lib.mjs';

const PER_TASK = numberOption('--milestones', 2000);
const RUNS = numberOption('--runs', 3);
const MOVES = numberOption('--moves', 60);
const PROFILE = process.argv.includes('--profile');
const TRACE = process.argv.includes('--trace');
const LATENCY_MS = numberOption('--latency', 0);
const MBPS = numberOption('--mbps', 0);
const GOAL_INTERACTIVE_MS = 1000;
const GOAL_FRAME_MS = 16;
/** Milestones per task that get a start date too (drawn as bars; the rest are diamonds). */
const WITH_START = 300;
/** Rows the outline shows once every task has drawn its first page (paging.ts: 50 a task). */
const FIRST_PAGES_ROWS = 5 * Math.min(PER_TASK, 50);

const median = (xs) =>
	percentile(
		[...xs].sort((a, b) => a - b),
		50
	);
const ms = (x) => `${Math.round(x)} ms`;
const verdict = (value, goal) => (value <= goal ? 'meets' : 'MISSES');

/** Gives the first WITH_START milestones of each task a start two weeks before their due date. */
async function giveStarts(w, server) {
	const milestones = w.doc.getMap('milestones');
	w.doc.transact(() => {
		for (const [id, m] of milestones) {
			const match = /^ms_bench_\d+_(\d+)$/.exec(id);
			if (!match || Number(match[1]) >= WITH_START) continue;
			const due = Date.parse(`${m.get('dueDate')}T00:00:00Z`);
			m.set('startDate', new Date(due - 14 * 86_400_000).toISOString().slice(0, 10));
		}
	});
	await waitSaved(w, { server });
}

async function build(server) {
	const user = await benchUser(server.url);
	const [roadmapId] = await createRoadmaps(server.url, user, 1, 'five-tasks');
	const t0 = performance.now();
	const w = writer(server.ws, roadmapId, { cookie: user.cookie, origin: user.origin });
	await synced(w.provider);
	await addMilestones(w, PER_TASK, { server });
	await giveStarts(w, server);
	console.log(
		`roadmap: 5 tasks × ${PER_TASK} milestones (${WITH_START} a task with a start date) written in ${ms(performance.now() - t0)}`
	);
	w.provider.destroy();
	return { roadmapId, user };
}

async function serverRender(server, user, roadmapId) {
	const times = [];
	for (let i = 0; i < RUNS + 1; i++) {
		const t0 = performance.now();
		const response = await fetch(`${server.url}/roadmaps/${roadmapId}`, {
			headers: { cookie: user.cookie, accept: 'text/html' }
		});
		const html = await response.text();
		if (!response.ok) throw new Error(`render: ${response.status}`);
		if (i > 0)
			times.push(performance.now() - t0); // the first warms the room up
		else
			console.log(
				`server render, first (room loaded from the database): ${ms(performance.now() - t0)}, ${Math.round(html.length / 1024)} KiB`
			);
	}
	return times;
}

/** A fresh signed-in browser profile (for pageUrl): nothing in IndexedDB, as on a first visit. */
async function freshContext(browser, user) {
	const context = await browser.newContext({
		locale: 'en-US',
		viewport: { width: 1440, height: 900 }
	});
	const [name, value] = user.cookie.split('=');
	await context.addCookies([{ name, value, url: pageUrl }]);
	return context;
}

/** Milliseconds from navigation start until `ready()` holds in the page (checked every frame). */
async function timeUntil(page, url, ready) {
	await page.goto(url, { waitUntil: 'commit' });
	const handle = await page.waitForFunction(ready, null, { polling: 'raf', timeout: 180_000 });
	return handle.jsonValue();
}

// Synced: the live doc is in (not only the server's render) and nothing waits to be saved.
const SAVED = () =>
	document.querySelector('[data-testid="save-state"]')?.textContent === 'Saved' &&
	document.querySelector('[data-testid="plan-status"]')?.dataset.live === 'true';

/** Self time per function and per script of a CDP profile, the heaviest first. */
function summarise(profile, top = 20) {
	const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
	const self = new Map();
	for (let i = 0; i < profile.samples.length; i++) {
		const node = byNode.get(profile.samples[i]);
		self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
	}
	const add = (map, key, v) => map.set(key, (map.get(key) ?? 0) + v);
	const byFunction = new Map();
	const byScript = new Map();
	for (const [node, t] of self) {
		const f = node.callFrame;
		const script = f.url ? f.url.replace(/^.*\//, '') : '(native)';
		add(byFunction, `${f.functionName || '(anonymous)'} ${script}:${f.lineNumber + 1}`, t);
		add(byScript, script, t);
	}
	const list = (map) =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([k, v]) => `  ${v.toFixed(0).padStart(6)} ms  ${k}`)
			.join('\n');
	return `by script:\n${list(byScript)}\nby function:\n${list(byFunction)}`;
}

/**
 * Where the renderer's main thread spent the load, from a Chrome trace: time by kind of work
 * (top-level tasks' children: parsing, script, style, layout, paint) and the long tasks in order.
 */
function traceSummary(buffer) {
	const { traceEvents } = JSON.parse(buffer.toString());
	const main = traceEvents.find(
		(e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
	);
	const events = traceEvents
		.filter((e) => e.ph === 'X' && main && e.pid === main.pid && e.tid === main.tid)
		.sort((a, b) => a.ts - b.ts);
	const nav = traceEvents.find(
		(e) => e.name === 'navigationStart' || e.name === 'ResourceSendRequest'
	);
	const origin = nav?.ts ?? events[0]?.ts ?? 0;
	const byKind = new Map();
	const long = [];
	let openTask = null;
	for (const e of events) {
		if (e.name === 'RunTask') {
			openTask = e;
			if (e.dur > 50_000) long.push(e);
			continue;
		}
		// Direct children of a task only: nested events are counted in their parent.
		if (!openTask || e.ts >= openTask.ts + openTask.dur) continue;
		if (openTask.child && e.ts < openTask.child.ts + openTask.child.dur) continue;
		openTask.child = e;
		byKind.set(e.name, (byKind.get(e.name) ?? 0) + e.dur / 1000);
	}
	const kinds = [...byKind]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 15)
		.map(([k, v]) => `  ${v.toFixed(0).padStart(6)} ms  ${k}`)
		.join('\n');
	const tasks = long
		.map((t) => {
			const inside = events
				.filter((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur && e.dur > 10_000)
				.slice(0, 12)
				.map(
					(e) =>
						`${e.name}${e.name === 'Layout' ? ` ${JSON.stringify(e.args?.beginData ?? {}).slice(0, 80)}` : ''}${e.name === 'UpdateLayoutTree' ? ` ${JSON.stringify(e.args?.elementCount ?? e.args)}`.slice(0, 80) : ''}${e.args?.data?.url ? ` ${e.args.data.url.replace(/^.*\//, '')}:${e.args.data.lineNumber ?? ''} ${e.args.data.functionName ?? ''}` : ''} ${ms(e.dur / 1000)}`
				)
				.join(', ');
			return `  at ${ms((t.ts - origin) / 1000)}: ${ms(t.dur / 1000)} (${inside})`;
		})
		.join('\n');
	const MARKS =
		/^(WebSocket(Create|SendHandshakeRequest|ReceiveHandshakeResponse)|ResourceSendRequest|ResourceFinish|MarkDOMContent|firstContentfulPaint|MarkLoad|ParseHTML)$/;
	const marks = traceEvents
		.filter((e) => MARKS.test(e.name) && e.ts >= origin)
		.sort((a, b) => a.ts - b.ts)
		.map((e) => {
			const url = e.args?.data?.url ?? e.args?.data?.requestId ?? '';
			return `  ${ms((e.ts - origin) / 1000).padStart(8)}  ${e.name} ${String(url).replace(/^.*\//, '').slice(0, 40)}${e.dur ? ` (${ms(e.dur / 1000)})` : ''}`;
		})
		.join('\n');
	return `by kind:\n${kinds}\nlong tasks (> 50 ms):\n${tasks}\nmarks:\n${marks}`;
}

async function drag(page, cdp) {
	const bar = page.locator('[data-testid="timeline-bar"]:not(.point)').first();
	await bar.scrollIntoViewIfNeeded();
	const box = await bar.boundingBox();
	await page.evaluate(() => {
		window.__frames = [];
		const loop = (t) => {
			window.__frames.push(t);
			if (!window.__stopFrames) requestAnimationFrame(loop);
		};
		requestAnimationFrame(loop);
	});
	const metric = async () =>
		Object.fromEntries(
			(await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value])
		);
	const x = box.x + box.width / 2;
	const y = box.y + box.height / 2;
	await page.mouse.move(x, y);
	await page.mouse.down();
	const before = await metric();
	const startedAt = await page.evaluate(() => performance.now());
	for (let i = 1; i <= MOVES; i++) await page.mouse.move(x + i * 5, y);
	const after = await metric();
	const dropAt = await page.evaluate(() => performance.now());
	await page.mouse.up();
	await page.waitForFunction(() => !document.querySelector('.bar.dragging'));
	await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
	const frames = await page.evaluate(() => {
		window.__stopFrames = true;
		return window.__frames;
	});
	const intervals = (from, to) => {
		const out = [];
		for (let i = 1; i < frames.length; i++)
			if (frames[i] > from && frames[i] <= to) out.push(frames[i] - frames[i - 1]);
		return out.sort((a, b) => a - b);
	};
	const perMove = (name) => ((after[name] - before[name]) * 1000) / MOVES;
	return {
		task: perMove('TaskDuration'),
		script: perMove('ScriptDuration'),
		layout: perMove('LayoutDuration') + perMove('RecalcStyleDuration'),
		dragFrames: intervals(startedAt, dropAt),
		dropFrames: intervals(dropAt, Infinity),
		moved: await bar.getAttribute('data-start')
	};
}

const server = await startOurs({ nodeArgs: probedNodeArgs() });
const loop = eventLoopDelays(server);
// Where the browser loads the pages from: the server, or a slow link in front of it.
const link =
	LATENCY_MS || MBPS
		? await startSlowLink(server.url, { latencyMs: LATENCY_MS, mbps: MBPS })
		: null;
const pageUrl = link?.url ?? server.url;
let browser = null;
try {
	const { roadmapId, user } = await build(server);
	const renders = await serverRender(server, user, roadmapId);

	const executablePath = ['/usr/bin/chromium', process.env.CHROMIUM_PATH].find(
		(p) => p && existsSync(p)
	);
	browser = await chromium.launch({
		executablePath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
	});
	const interactive = [];
	const serverStalls = [];
	const drawn = [];
	const mainWork = [];
	const firstPaint = [];
	let dragResult = null;
	for (let run = 0; run < RUNS; run++) {
		const context = await freshContext(browser, user);
		const page = await context.newPage();
		// Chrome's own count of the page's main-thread work (a new renderer per context).
		const counters = await context.newCDPSession(page);
		await counters.send('Performance.enable');
		const profiler = PROFILE && run === RUNS - 1 ? await context.newCDPSession(page) : null;
		const frames = [];
		if (profiler) {
			await profiler.send('Network.enable');
			profiler.on('Network.webSocketFrameReceived', (e) =>
				frames.push({ at: e.timestamp, bytes: e.response.payloadData.length })
			);
			profiler.on('Network.requestWillBeSent', (e) => {
				if (e.type === 'Document' && frames.navigatedAt === undefined)
					frames.navigatedAt = e.timestamp;
			});
			profiler.on('Network.webSocketWillSendHandshakeRequest', (e) => {
				frames.requestedAt ??= e.timestamp;
			});
			profiler.on('Network.webSocketHandshakeResponseReceived', (e) => {
				frames.openedAt ??= e.timestamp;
			});
			profiler.on('Network.webSocketFrameSent', (e) =>
				frames.push({ at: e.timestamp, bytes: 0, sent: true })
			);
			await profiler.send('Profiler.enable');
			await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
			await profiler.send('Profiler.start');
		}
		if (TRACE && run === RUNS - 1)
			await browser.startTracing(page, {
				categories: [
					'devtools.timeline',
					'loading',
					'netlog',
					'disabled-by-default-devtools.timeline',
					'v8.execute',
					'blink.user_timing'
				]
			});
		const loadStarted = Date.now();
		interactive.push(
			await timeUntil(
				page,
				`${pageUrl}/roadmaps/${roadmapId}`,
				`(${SAVED})() && document.querySelector('[data-testid="task"] .collab-field') && performance.now()`
			)
		);
		// What kept the server from answering the page's requests meanwhile.
		serverStalls.push(Math.max(0, ...loop.between(loadStarted, Date.now())));
		drawn.push(
			await page
				.waitForFunction(
					(rows) =>
						document.querySelectorAll('[data-testid="milestone"]').length >= rows &&
						performance.now(),
					FIRST_PAGES_ROWS,
					{ polling: 'raf', timeout: 180_000 }
				)
				.then((handle) => handle.jsonValue())
		);
		const { metrics } = await counters.send('Performance.getMetrics');
		mainWork.push(metrics.find((m) => m.name === 'TaskDuration').value * 1000);
		if (TRACE && run === RUNS - 1) {
			const trace = await browser.stopTracing();
			// BENCH_TRACE_OUT=FILE also keeps the trace (Chrome's DevTools and Perfetto open it).
			if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, trace);
			console.log(`outline load, main thread (run ${run + 1}):\n${traceSummary(trace)}`);
		}
		if (profiler) {
			const { profile } = await profiler.send('Profiler.stop');
			if (process.env.BENCH_PROFILE_OUT)
				writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
			console.log(`outline load, main thread (run ${run + 1}):\n${summarise(profile)}`);
			const nav = await page.evaluate(() => {
				const [n] = performance.getEntriesByType('navigation');
				return {
					origin: performance.timeOrigin,
					responseStart: n.responseStart,
					responseEnd: n.responseEnd,
					domContentLoaded: n.domContentLoadedEventEnd,
					load: n.loadEventEnd
				};
			});
			// CDP's timestamps are monotonic seconds: counted from the document's request.
			const rel = (t) => ms((t - frames.navigatedAt) * 1000);
			const received = frames.filter((f) => !f.sent);
			console.log(
				`  navigation: first byte ${ms(nav.responseStart)}, HTML done ${ms(nav.responseEnd)}, DOMContentLoaded ${ms(nav.domContentLoaded)}, load ${ms(nav.load)}`
			);
			if (frames.length)
				console.log(
					`  websocket: handshake sent ${rel(frames.requestedAt ?? NaN)}, answered ${rel(frames.openedAt ?? NaN)}, first frame sent ${rel(frames.find((f) => f.sent)?.at ?? NaN)}, ${received.length} received (${Math.round(received.reduce((a, f) => a + f.bytes, 0) / 1024)} KiB base64/text), first ${rel(received[0]?.at ?? NaN)}, largest ${Math.round(Math.max(...received.map((f) => f.bytes)) / 1024)} KiB at ${rel(received.reduce((a, f) => (f.bytes > a.bytes ? f : a), received[0]).at)}`
				);
		}
		await context.close();
		const timelineContext = await freshContext(browser, user);
		const timeline = await timelineContext.newPage();
		firstPaint.push(
			await timeUntil(
				timeline,
				`${pageUrl}/roadmaps/${roadmapId}/timeline?zoom=quarter`,
				`(${SAVED})() && document.querySelector('[data-testid="timeline-bar"]') && performance.now()`
			)
		);
		if (run === RUNS - 1) {
			const cdp = await timelineContext.newCDPSession(timeline);
			await cdp.send('Performance.enable');
			dragResult = await drag(timeline, cdp);
		}
		await timelineContext.close();
	}

	const load = (await import('node:os'))
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' ');
	const network =
		LATENCY_MS || MBPS
			? `, over a slow link (bench/slow-link.mjs) of ${LATENCY_MS} ms / ${MBPS || '∞'} Mbit/s`
			: '';
	console.log(`\n5 tasks × ${PER_TASK} milestones, ${RUNS} runs${network}, load average ${load}`);
	console.log(
		`server render of /roadmaps/<id>: median ${ms(median(renders))} (max ${ms(Math.max(...renders))})`
	);
	const mi = median(interactive);
	console.log(
		`synced and interactive, /roadmaps/<id>: median ${ms(mi)} (${interactive.map(ms).join(', ')}) — goal ≤ ${GOAL_INTERACTIVE_MS} ms: ${verdict(mi, GOAL_INTERACTIVE_MS)}`
	);
	console.log(
		`  the server's longest event-loop delay during each of those loads: ${serverStalls.map(ms).join(', ')}`
	);
	console.log(
		`outline's first pages drawn (${FIRST_PAGES_ROWS} rows): median ${ms(median(drawn))} (${drawn.map(ms).join(', ')}); main-thread work by then: median ${ms(median(mainWork))} (${mainWork.map(ms).join(', ')})`
	);
	const fp = median(firstPaint);
	console.log(
		`timeline first paint, synced: median ${ms(fp)} (${firstPaint.map(ms).join(', ')}) — goal ≤ ${GOAL_INTERACTIVE_MS} ms: ${verdict(fp, GOAL_INTERACTIVE_MS)}`
	);
	const d = dragResult;
	console.log(
		`drag, ${MOVES} pointer moves: main-thread work per move ${d.task.toFixed(1)} ms (script ${d.script.toFixed(1)}, style+layout ${d.layout.toFixed(1)}) — goal ≤ ${GOAL_FRAME_MS} ms: ${verdict(d.task, GOAL_FRAME_MS)}`
	);
	console.log(
		`  frame intervals while dragging: p50 ${d.dragFrames.length ? percentile(d.dragFrames, 50).toFixed(1) : '–'} ms, p95 ${d.dragFrames.length ? percentile(d.dragFrames, 95).toFixed(1) : '–'} ms, max ${d.dragFrames.length ? Math.max(...d.dragFrames).toFixed(1) : '–'} ms over ${d.dragFrames.length} frames`
	);
	console.log(
		`  the drop (one write; every row re-read): longest frame ${d.dropFrames.length ? Math.max(...d.dropFrames).toFixed(1) : '–'} ms; bar now starts ${d.moved}`
	);
} finally {
	await browser?.close();
	link?.stop();
	await stop(server);
}
// The writer's provider and fetch's keep-alive sockets would hold the process open.
process.exit(0);
