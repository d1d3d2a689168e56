/**
 * Runs the production build (`node build/server.js`) as a child process on a free port, the
 * way `npm start` does, and hands back its URL, its output and ways to stop it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SERVER_ENTRY = resolve('build/server.js');

export interface ServerProcess {
	url: string;
	port: number;
	child: ChildProcess;
	output: () => string;
	/** Sends a signal and resolves with the exit code once the process has ended. */
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function assertBuilt(): void {
	if (!existsSync(SERVER_ENTRY)) {
		throw new Error('build/server.js is missing: run `npm run build` first (npm test does).');
	}
}

/** What to run instead of the real build/server.js, e.g. `npm start`'s script in a project copy. */
export interface EntryOptions {
	entry?: string;
	args?: string[];
	cwd?: string;
}

export async function startServerProcess(
	env: Record<string, string>,
	{ entry = SERVER_ENTRY, args = [], cwd }: EntryOptions = {}
): Promise<ServerProcess> {
	if (entry === SERVER_ENTRY) assertBuilt();
	const child = spawn(process.execPath, [entry, ...args], {
		cwd,
		env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((resolveExit) =>
		child.once('exit', (code) => resolveExit(code))
	);

	const port = await new Promise<number>((resolvePort, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`server did not start in time:\n${output}`)),
			60_000
		);
		const check = () => {
			const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolvePort(Number(match[1]));
			}
		};
		child.stdout!.on('data', check);
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code} before listening:\n${output}`));
		});
	});

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		child,
		output: () => output,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			return exited;
		}
	};
}

/** Runs the entry expecting it to fail at start-up; resolves with its exit code and output. */
export function runServerExpectingFailure(
	env: Record<string, string>,
	{ entry = SERVER_ENTRY, args = [], cwd }: EntryOptions = {}
): Promise<{ code: number | null; output: string }> {
	if (entry === SERVER_ENTRY) assertBuilt();
	return new Promise((resolveRun) => {
		const child = spawn(process.execPath, [entry, ...args], {
			cwd,
			env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (c) => (output += c));
		child.stderr.on('data', (c) => (output += c));
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		child.once('exit', (code) => {
			clearTimeout(timer);
			resolveRun({ code, output });
		});
	});
}
