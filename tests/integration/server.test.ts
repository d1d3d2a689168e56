import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readlinkSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedMigrationCount } from '../../db/migrate';
import { createPostgresDatabase } from '../helpers/databases';
import {
	runServerExpectingFailure,
	assertBuilt,
	startServerProcess,
	type EntryOptions,
	type ServerProcess
} from '../helpers/server-process';

const running: ServerProcess[] = [];
const tempDirs: string[] = [];
const newDataDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'ieum-test-'));
	tempDirs.push(dir);
	return dir;
};
async function start(env: Record<string, string>, options?: EntryOptions) {
	const server = await startServerProcess(env, options);
	running.push(server);
	return server;
}

afterAll(async () => {
	await Promise.all(running.map((s) => s.stop('SIGKILL')));
	for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const taskTitles = (html: string) =>
	[...html.matchAll(/<h3 id="task-[^"]+"[^>]*>([^<]+)</g)].map((m) => m[1].trim());

/** Sends a request whose body arrives only when `finish` is called; resolves with the raw response. */
function slowRequest(port: number, path: string, body: string) {
	const socket = net.connect(port, '127.0.0.1');
	socket.on('error', () => {}); // a reset shows up as an empty response, which the test reports
	let response = '';
	socket.on('data', (chunk) => (response += chunk));
	const done = new Promise<string>((resolve) => socket.on('close', () => resolve(response)));
	const head =
		`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
		`Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
		'Connection: close\r\n\r\n';
	const sent = new Promise<void>((resolve) =>
		socket.once('connect', () => socket.write(head, () => resolve()))
	);
	return { sent, finish: () => socket.write(body), done };
}

/** Asks for `path` and hangs up as soon as the response starts. */
function abandonedDownload(port: number, path: string) {
	const socket = net.connect(port, '127.0.0.1');
	socket.on('error', () => {});
	socket.once('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`));
	socket.once('data', () => socket.destroy());
	return new Promise((resolve) => socket.once('close', resolve));
}

describe('the production server (node build/server.js) on PGlite', () => {
	it('serves the seeded demo roadmap in Korean and English, and reports health', async () => {
		const dataDir = newDataDir();
		const server = await start({ DATA_DIR: dataDir });

		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.json()).toMatchObject({
			ok: true,
			database: 'pglite',
			migrations: expectedMigrationCount()
		});

		const ko = await (
			await fetch(server.url, { headers: { 'accept-language': 'ko-KR,ko;q=0.9' } })
		).text();
		expect(taskTitles(ko)).toEqual([
			'차세대 메모리 반도체 기술 개발',
			'AI 알고리즘 및 소프트웨어 경쟁력 강화',
			'역동적인 AI 산업 생태계 조성',
			'AI 맞춤형 규제 및 정책 지원',
			'안정적인 전력 인프라 확충'
		]);
		expect(ko).toContain('<html lang="ko"');

		const en = await (
			await fetch(server.url, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })
		).text();
		expect(taskTitles(en)[0]).toBe('Next-generation memory semiconductor technology');
		expect(en).toContain('<html lang="en"');

		// A chosen language beats the browser's.
		const chosen = await (
			await fetch(server.url, {
				headers: { 'accept-language': 'en', cookie: 'PARAGLIDE_LOCALE=ko' }
			})
		).text();
		expect(taskTitles(chosen)[0]).toBe('차세대 메모리 반도체 기술 개발');
		expect(server.output()).toContain('seed: demo roadmap created');
	});

	it('switches language with a plain form post and refuses unknown languages', async () => {
		const server = await start({ DATA_DIR: newDataDir() });
		const origin = server.url;
		const switched = await fetch(`${server.url}/locale`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'locale=en&returnTo=%2F%3Fx%3D1'
		});
		expect(switched.status).toBe(303);
		expect(switched.headers.get('location')).toBe('/?x=1');
		expect(switched.headers.get('set-cookie')).toMatch(/PARAGLIDE_LOCALE=en/);

		const offsite = await fetch(`${server.url}/locale`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'locale=ko&returnTo=%2F%2Fevil.example'
		});
		expect(offsite.headers.get('location')).toBe('/');

		const bad = await fetch(`${server.url}/locale`, {
			method: 'POST',
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'locale=xx'
		});
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Unknown language');
	});

	it('finishes an in-flight request on SIGTERM, exits cleanly, and keeps its data', async () => {
		const dataDir = newDataDir();
		const first = await start({ DATA_DIR: dataDir });
		const before = taskTitles(await (await fetch(first.url)).text());
		const ids = (await (await fetch(first.url)).text()).match(/id="task-[^"]+"/g);

		const inFlight = slowRequest(first.port, '/locale', 'locale=en');
		await inFlight.sent;
		await new Promise((r) => setTimeout(r, 200)); // let the server read the request head
		const exit = first.stop('SIGTERM');
		await new Promise((r) => setTimeout(r, 300));
		inFlight.finish();
		expect(await inFlight.done).toMatch(/^HTTP\/1\.1 303/);
		expect(await exit).toBe(0);
		expect(first.output()).toContain('stopped cleanly');

		const second = await start({ DATA_DIR: dataDir });
		expect(second.output()).toContain('seed: demo roadmap already present');
		const html = await (await fetch(second.url)).text();
		expect(taskTitles(html)).toEqual(before);
		expect(html.match(/id="task-[^"]+"/g)).toEqual(ids);
		expect(await second.stop('SIGINT')).toBe(0);
	});

	it('keeps serving when a static file it listed at start is gone, and closes the files of abandoned downloads', async () => {
		assertBuilt();
		// A copy of the build, so the test can take a file away without touching build/; under
		// node_modules/.cache, where it still finds the project's packages.
		mkdirSync(resolve('node_modules/.cache'), { recursive: true });
		const copy = mkdtempSync(resolve('node_modules/.cache/ieum-build-'));
		tempDirs.push(copy);
		cpSync(resolve('build'), copy, { recursive: true });
		// A file too big for the socket's buffers: its download is still being read when cut off.
		writeFileSync(join(copy, 'client/big.bin'), Buffer.alloc(32 * 1024 * 1024));
		const server = await start({ DATA_DIR: newDataDir() }, { entry: join(copy, 'server.js') });
		const chunks = join(copy, 'client/_app/immutable/chunks');
		const script = readdirSync(chunks).find(
			(f) => f.endsWith('.js') && existsSync(join(chunks, `${f}.br`))
		)!;
		const url = `${server.url}/_app/immutable/chunks/${script}`;
		const brotli = { headers: { 'accept-encoding': 'br' } };
		expect((await fetch(url, brotli)).headers.get('content-encoding')).toBe('br');

		rmSync(join(chunks, `${script}.br`));
		// The server still lists the file it found at start: the response is cut off, not served.
		await expect(fetch(url, brotli).then((r) => r.arrayBuffer())).rejects.toThrow();
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		expect((await fetch(url, { headers: { 'accept-encoding': 'identity' } })).status).toBe(200);
		expect(server.output()).toContain(`response to /_app/immutable/chunks/${script}: ENOENT`);

		// Downloads the client gave up on midway leave no file open behind them.
		const openOnBig = () =>
			readdirSync(`/proc/${server.child.pid}/fd`).filter((fd) => {
				try {
					return readlinkSync(`/proc/${server.child.pid}/fd/${fd}`).endsWith('big.bin');
				} catch {
					return false; // closed meanwhile
				}
			}).length;
		for (let i = 0; i < 5; i++) await abandonedDownload(server.port, '/big.bin');
		await expect.poll(openOnBig).toBe(0);
	});

	it('answers a byte range it cannot serve without ending the process', async () => {
		const server = await start({ DATA_DIR: newDataDir() });
		// A script the page loads (kilobytes: the range below starts inside it).
		const page = await (await fetch(server.url)).text();
		const path = /\/_app\/immutable\/entry\/app\.[\w-]+\.js/.exec(page)![0];
		const script = `${server.url}${path}`;
		expect((await fetch(script)).status).toBe(200);
		// Start after end: the static files' handler throws while opening the file.
		await fetch(script, { headers: { range: 'bytes=100-50' } })
			.then((r) => r.arrayBuffer())
			.catch(() => null); // cut off: the headers were already written
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		expect((await fetch(script, { headers: { range: 'bytes=0-3' } })).status).toBe(206);
		expect(server.output()).toContain(`request GET ${path}: `);
	});

	it('does not hang shutdown on idle keep-alive connections', async () => {
		const server = await start({ DATA_DIR: newDataDir() });
		const idle = net.connect(server.port, '127.0.0.1');
		const closedByServer = new Promise((r) => idle.once('close', r));
		idle.on('error', () => {});
		await new Promise((r) => idle.once('connect', r));
		const started = Date.now();
		expect(await server.stop('SIGTERM')).toBe(0);
		expect(Date.now() - started).toBeLessThan(5_000);
		await closedByServer;
	});

	it('refuses to start with a clear sentence when configuration is wrong', async () => {
		const badUrl = await runServerExpectingFailure({ DATABASE_URL: 'mysql://localhost/x' });
		expect(badUrl.code).toBe(1);
		expect(badUrl.output).toContain('DATABASE_URL must start with postgres://');

		const badPort = await runServerExpectingFailure({ PORT: 'eighty' });
		expect(badPort.code).toBe(1);
		expect(badPort.output).toContain('PORT must be a whole number');

		const badOrigin = await runServerExpectingFailure({ ORIGIN: 'localhost:3000' });
		expect(badOrigin.code).toBe(1);
		expect(badOrigin.output).toContain('ORIGIN must');
	});
});

describe.runIf(process.env.DATABASE_URL)('the production server on Postgres', () => {
	it('migrates, seeds and reports postgres; answers 503 with a reason when the database goes away', async () => {
		const created = await createPostgresDatabase();
		try {
			const server = await start({ DATABASE_URL: created.url });
			const health = await fetch(`${server.url}/healthz`);
			expect(await health.json()).toMatchObject({
				ok: true,
				database: 'postgres',
				migrations: expectedMigrationCount()
			});
			const html = await (await fetch(server.url, { headers: { 'accept-language': 'ko' } })).text();
			expect(taskTitles(html)).toHaveLength(5);

			await created.drop();
			const down = await fetch(`${server.url}/healthz`);
			expect(down.status).toBe(503);
			const body = await down.json();
			expect(body.ok).toBe(false);
			expect(body.database).toBe('postgres');
			expect(body.reason).toEqual(expect.any(String));
			expect(await server.stop()).toBe(0);
		} finally {
			await created.drop();
		}
	});
});
