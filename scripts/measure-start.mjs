/**
 * `npm run bench:start`: how long `npm start` takes to answer /healthz with 200 when it must build
 * (cold), when nothing changed (warm restart), when a file was only touched, and after an edit,
 * next to `npm run serve` (no check at all) as the floor.
 *
 * It runs in a throwaway copy of the project (exactly the files the build fingerprint covers,
 * scripts/, node_modules linked), so your checkout's build/ and sources are never touched, and a
 * cold build there also proves the fingerprint covers everything the build reads: a file it missed
 * would be missing from the copy and the build would fail. No .git in the copy, like a tarball.
 *
 * One DATA_DIR serves every run, so the cold run also creates and seeds the database, as a first
 * `npm install && npm start` does; the runs after it reopen it, as restarts do.
 */
import { spawn } from 'node:child_process';
import {
	appendFileSync,
	cpSync,
	mkdirSync,
	mkdtempSync,
	rmSync,
	symlinkSync,
	utimesSync
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprintTree } from './build-fingerprint.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The source file the touch and edit runs change. */
const EDITED_FILE = 'src/lib/i18n/labels.ts';
const WARM_RUNS = 3;

/** @param {string} message */
const say = (message) => console.log(`[bench:start] ${message}`);

function copyProject() {
	const root = mkdtempSync(join(tmpdir(), 'ieum-bench-start-'));
	for (const path of Object.keys(fingerprintTree(PROJECT_ROOT).files)) {
		if (path.startsWith('node_modules/')) continue;
		mkdirSync(dirname(join(root, path)), { recursive: true });
		cpSync(join(PROJECT_ROOT, path), join(root, path));
	}
	cpSync(join(PROJECT_ROOT, 'scripts'), join(root, 'scripts'), { recursive: true });
	symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
	return root;
}

/** @returns {Promise<number>} a port nothing listens on right now */
function freePort() {
	return new Promise((resolvePort, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `npm <script>` in `root` until /healthz answers 200, then stops it with SIGTERM to its
 * process group (what Ctrl-C or a service manager does) and checks it stopped cleanly.
 * @param {string} root
 * @param {string} script
 * @param {string} dataDir
 * @returns {Promise<{ seconds: number, built: boolean }>}
 */
async function timeToHealthy(root, script, dataDir) {
	const port = await freePort();
	const started = performance.now();
	const child = spawn('npm', ['run', '--silent', script], {
		cwd: root,
		detached: true,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			REDIS_URL: '',
			ORIGIN: '',
			IEUM_REBUILD: ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	/** @type {number | null | undefined} */
	let exitCode;
	// 'close', not 'exit': npm may exit before the server it started has finished stopping.
	const exited = new Promise((r) => child.once('close', (code) => r((exitCode = code))));

	for (;;) {
		if (exitCode !== undefined)
			throw new Error(`npm ${script} exited with ${exitCode}:\n${output}`);
		if (performance.now() - started > 15 * 60_000)
			throw new Error(`no health in 15 min:\n${output}`);
		const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
			.then((response) => response.status === 200)
			.catch(() => false);
		if (ok) break;
		await sleep(50);
	}
	const seconds = (performance.now() - started) / 1000;

	process.kill(-(child.pid ?? 0), 'SIGTERM');
	await exited;
	if (!output.includes('stopped cleanly')) {
		throw new Error(`npm ${script} did not stop cleanly on SIGTERM:\n${output}`);
	}
	return { seconds, built: output.includes('built build/server.js') };
}

const median = (/** @type {number[]} */ values) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const format = (/** @type {number} */ seconds) => `${seconds.toFixed(1)} s`;

async function main() {
	const root = copyProject();
	const dataDir = mkdtempSync(join(tmpdir(), 'ieum-bench-start-data-'));
	say(`project copy in ${root}`);
	try {
		/** @type {[string, string][]} */
		const rows = [];
		/**
		 * @param {string} label
		 * @param {string} script
		 * @param {boolean} shouldBuild
		 * @param {number} [runs]
		 */
		const measure = async (label, script, shouldBuild, runs = 1) => {
			const times = [];
			for (let run = 0; run < runs; run++) {
				const { seconds, built } = await timeToHealthy(root, script, dataDir);
				if (built !== shouldBuild) {
					throw new Error(`${label}: expected ${shouldBuild ? 'a' : 'no'} build, saw the opposite`);
				}
				times.push(seconds);
				say(`${label}: ${format(seconds)}${built ? ' (built)' : ''}`);
			}
			const all = runs > 1 ? ` (median of ${times.map(format).join(', ')})` : '';
			rows.push([label, `${format(median(times))}${all}`]);
		};

		await measure('cold npm start (no build yet)', 'start', true);
		await measure('npm run serve (no check, the floor)', 'serve', false, WARM_RUNS);
		await measure('warm npm start (nothing changed)', 'start', false, WARM_RUNS);
		const later = new Date(Date.now() + 60_000);
		utimesSync(join(root, EDITED_FILE), later, later);
		await measure(`npm start after touch ${EDITED_FILE}`, 'start', false);
		appendFileSync(join(root, EDITED_FILE), `\n// edited by bench:start\n`);
		await measure(`npm start after editing ${EDITED_FILE}`, 'start', true);

		console.log('\nnpm start, time to a 200 from /healthz:');
		for (const [label, value] of rows) console.log(`  ${label.padEnd(58)} ${value}`);
	} finally {
		rmSync(root, { recursive: true, force: true });
		rmSync(dataDir, { recursive: true, force: true });
	}
}

await main();
