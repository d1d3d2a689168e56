/**
 * `npm start` (scripts/start.js) in a throwaway copy of the project: it serves a current build
 * without building, in its own process so signals reach the graceful shutdown, and it never
 * serves a build that failed or was interrupted.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	buildStatus,
	fingerprintTree,
	readStamp,
	writeStamp
} from '../../scripts/build-fingerprint.js';
import { copyProject, type ProjectCopy } from '../helpers/project-copy';
import { runServerExpectingFailure, startServerProcess } from '../helpers/server-process';

let project: ProjectCopy;
const tempDirs: string[] = [];
const newDataDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'ieum-test-'));
	tempDirs.push(dir);
	return dir;
};
const startScript = () => join(project.root, 'scripts/start.js');

beforeAll(() => {
	project = copyProject({ withBuild: true });
	// The copied build/ is the real one; record it as built from the copied sources.
	writeStamp(project.root, fingerprintTree(project.root));
});

afterAll(() => {
	project?.remove();
	for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Processes whose working folder is inside `folder` (Linux /proc), e.g. a leftover vite build. */
function processesIn(folder: string): number[] {
	return readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.filter((pid) => {
			try {
				return readlinkSync(`/proc/${pid}/cwd`).startsWith(folder);
			} catch {
				return false; // gone meanwhile, or not ours to read
			}
		})
		.map(Number);
}

describe('npm start (scripts/start.js)', () => {
	it.each(['SIGTERM', 'SIGINT'] as const)(
		'serves a current build without building, and stops cleanly on %s',
		async (signal) => {
			const builtAt = readStamp(project.root);
			const server = await startServerProcess(
				{ DATA_DIR: newDataDir() },
				{ entry: startScript(), cwd: project.root }
			);
			expect(server.output()).toContain('the build is up to date with the sources');
			expect(server.output()).not.toContain('building');
			const health = await fetch(`${server.url}/healthz`);
			expect(health.status).toBe(200);
			// The pid we signal is the one serving: no wrapper process in between.
			expect(await server.stop(signal)).toBe(0);
			expect(server.output()).toContain(`${signal} received`);
			expect(server.output()).toContain('stopped cleanly');
			expect(readStamp(project.root)).toEqual(builtAt);
		}
	);

	it('refuses an unknown option or IEUM_REBUILD value with a sentence', async () => {
		const option = await runServerExpectingFailure(
			{ DATA_DIR: newDataDir() },
			{ entry: startScript(), args: ['--force'], cwd: project.root }
		);
		expect(option.code).toBe(1);
		expect(option.output).toContain('unknown option "--force": the only option is --rebuild');

		const variable = await runServerExpectingFailure(
			{ DATA_DIR: newDataDir(), IEUM_REBUILD: 'maybe' },
			{ entry: startScript(), cwd: project.root }
		);
		expect(variable.code).toBe(1);
		expect(variable.output).toContain('IEUM_REBUILD must be 1 (build before serving) or 0');
		expect(buildStatus(project.root).current).toBe(true);
	});

	it('stops a forced build on SIGTERM, leaves no build process behind, and serves nothing', async () => {
		const child = spawn(process.execPath, [startScript()], {
			cwd: project.root,
			env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: newDataDir(), IEUM_REBUILD: '1' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
		await expect.poll(() => output, { timeout: 30_000 }).toContain('building, as IEUM_REBUILD');
		await new Promise((r) => setTimeout(r, 1_500)); // let vite get going
		child.kill('SIGTERM');

		expect(await exited).toBe(143);
		expect(output).toContain('not serving: the build failed (vite build stopped by SIGTERM)');
		expect(output).not.toContain('listening on');
		expect(readStamp(project.root)).toBeUndefined();
		await expect.poll(() => processesIn(project.root), { timeout: 10_000 }).toEqual([]);
	});

	it('does not serve when the build fails, and tries again on the next start', async () => {
		appendFileSync(join(project.root, 'vite.config.ts'), '\nthrow new Error("a broken config");\n');
		for (let attempt = 0; attempt < 2; attempt++) {
			const run = await runServerExpectingFailure(
				{ DATA_DIR: newDataDir() },
				{ entry: startScript(), cwd: project.root }
			);
			expect(run.code).toBe(1);
			expect(run.output).toContain('building: ');
			expect(run.output).toContain('not serving: the build failed (vite build failed');
			expect(run.output).not.toContain('listening on');
			expect(readStamp(project.root)).toBeUndefined();
		}
	});
});
