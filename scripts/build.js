/**
 * `npm run build`: SvelteKit's build (vite), then the server bundle (build-server.js), and only
 * when both succeeded, a record in build/ of the sources they were built from
 * (build-fingerprint.js). That record is what lets `npm start` skip the next build.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearStamp, fingerprintTree, writeStamp } from './build-fingerprint.js';

/** The project folder: this script's parent, wherever it is run from. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A build that failed or was stopped; `exitCode` is what the process should exit with. */
export class BuildError extends Error {
	/** @param {string} message @param {number} exitCode */
	constructor(message, exitCode) {
		super(message);
		this.exitCode = exitCode;
	}
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 };

/**
 * Runs `node ...args` in `root`. SIGINT/SIGTERM sent to this process are passed on, so stopping
 * a start during its build stops the build too instead of leaving it running on its own; and a
 * build that saw a signal counts as failed even if it then exited 0.
 * @param {string} root
 * @param {string} step what the log calls this step
 * @param {string[]} args
 * @returns {Promise<void>}
 */
function runNode(root, step, args) {
	return new Promise((resolveRun, reject) => {
		const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
		/** @type {'SIGINT' | 'SIGTERM' | undefined} */
		let interruptedBy;
		/** @param {'SIGINT' | 'SIGTERM'} signal */
		const forward = (signal) => {
			interruptedBy = signal;
			child.kill(signal);
		};
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		const done = () => {
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
		};
		child.once('error', (error) => {
			done();
			reject(new BuildError(`could not run ${step}: ${error.message}`, 1));
		});
		child.once('exit', (code) => {
			done();
			if (interruptedBy) {
				reject(
					new BuildError(`${step} stopped by ${interruptedBy}`, SIGNAL_EXIT_CODES[interruptedBy])
				);
			} else if (code !== 0) {
				reject(new BuildError(`${step} failed (exit code ${code})`, 1));
			} else {
				resolveRun();
			}
		});
	});
}

/**
 * Builds the app in `root`; resolves with whether build/ is now recorded as current.
 * @param {string} root
 * @param {(message: string) => void} log
 */
export async function buildApp(root, log) {
	// First forget the previous build: from here on build/ may be half old, half new.
	clearStamp(root);
	// Fingerprint before building: an edit made during the build then shows up as a change.
	const before = fingerprintTree(root);
	const vite = join(
		dirname(createRequire(join(root, 'package.json')).resolve('vite/package.json')),
		'bin/vite.js'
	);
	await runNode(root, 'vite build', [vite, 'build']);
	await runNode(root, 'scripts/build-server.js', [join(root, 'scripts/build-server.js')]);
	if (fingerprintTree(root).digest !== before.digest) {
		log(
			'sources changed during the build, so it is not recorded as current: the next start builds again'
		);
		return false;
	}
	writeStamp(root, before);
	return true;
}

// Run as `node scripts/build.js` (npm run build), not when imported by start.js or tests.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	buildApp(PROJECT_ROOT, (message) => console.log(`[build] ${message}`)).catch((error) => {
		console.error(`[build] ${error instanceof BuildError ? error.message : error}`);
		process.exit(error instanceof BuildError ? error.exitCode : 1);
	});
}
