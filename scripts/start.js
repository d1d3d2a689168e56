/**
 * `npm start`: builds only when the sources changed since the last successful build (see
 * build-fingerprint.js), then runs the server in this very process, so SIGTERM and SIGINT reach
 * its graceful shutdown exactly as they do under `node build/server.js`.
 *
 * IEUM_REBUILD=1 or `npm start -- --rebuild` builds regardless.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildStatus } from './build-fingerprint.js';
import { BuildError, PROJECT_ROOT, buildApp } from './build.js';

/** @param {string} message */
const log = (message) => console.log(`[ieum] ${message}`);

/** A request `npm start` cannot follow, with the sentence that says how to fix it. */
class StartError extends Error {}

/**
 * Whether the user asked for a build regardless of the fingerprint.
 * @param {string | undefined} variable IEUM_REBUILD
 * @param {string[]} args the command-line arguments after the script
 */
export function rebuildRequested(variable, args) {
	const unknown = args.find((arg) => arg !== '--rebuild');
	if (unknown !== undefined) {
		throw new StartError(`unknown option "${unknown}": the only option is --rebuild`);
	}
	const value = (variable ?? '').trim().toLowerCase();
	if (!['', '0', 'false', '1', 'true'].includes(value)) {
		throw new StartError(`IEUM_REBUILD must be 1 (build before serving) or 0; it is "${variable}"`);
	}
	return args.includes('--rebuild') || value === '1' || value === 'true';
}

async function main() {
	const forced = rebuildRequested(process.env.IEUM_REBUILD, process.argv.slice(2));
	const checkStarted = performance.now();
	const status = buildStatus(PROJECT_ROOT);
	const fileCount = Object.keys(status.fingerprint.files).length;
	const checked = `${fileCount} source files checked in ${Math.round(performance.now() - checkStarted)} ms`;

	if (forced) log(`building, as IEUM_REBUILD or --rebuild asks (${checked})`);
	else if (status.current) log(`the build is up to date with the sources (${checked})`);
	else log(`building: ${status.reason} (${checked})`);
	if (forced || !status.current) await buildApp(PROJECT_ROOT, log);

	// The server installs its own signal handlers; the build's are gone by now.
	await import(pathToFileURL(join(PROJECT_ROOT, 'build/server.js')).href);
}

main().catch((error) => {
	if (error instanceof StartError) {
		console.error(`[ieum] ${error.message}`);
		process.exit(1);
	}
	if (error instanceof BuildError) {
		console.error(`[ieum] not serving: the build failed (${error.message})`);
		process.exit(error.exitCode);
	}
	console.error('[ieum] failed to start:', error);
	process.exit(1);
});
