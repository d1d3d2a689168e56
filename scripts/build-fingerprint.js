/**
 * Which sources `npm run build` reads, a fingerprint of their contents, and the record of it that
 * a successful build leaves in build/. `npm start` compares the two to skip an unneeded build.
 *
 * The folders are walked here rather than asked of git, so a tarball without .git works the same,
 * and untracked new files (a new route) count as soon as they exist. Contents are hashed, not
 * modification times: a checkout or `touch` that changes no byte needs no build.
 */
import { createHash } from 'node:crypto';
import {
	existsSync,
	readFileSync,
	readdirSync,
	realpathSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { join } from 'node:path';

/** Bump when the meaning of a fingerprint changes, so old records stop matching. */
const FORMAT = 1;

/** Folders the build reads as a whole (SvelteKit finds routes by listing src/routes). */
export const SOURCE_FOLDERS = ['src', 'server', 'db', 'messages', 'static'];

/** Single files the build reads, besides the root's `*.config.*` files (see isRootConfig). */
export const SOURCE_FILES = [
	'package.json',
	'package-lock.json',
	// npm's own record of what is installed: it changes whenever node_modules does.
	'node_modules/.package-lock.json',
	'tsconfig.json',
	'project.inlang/settings.json',
	'scripts/build.js',
	'scripts/build-server.js'
];

/**
 * Never part of a fingerprint: dependencies, build output and caches, data, test artefacts and
 * generated code (the build regenerates src/lib/paraglide from messages/ itself). Paths are
 * relative to the project root; the first two are also skipped at any depth.
 */
export const IGNORED = [
	'node_modules',
	'.git',
	'build',
	'.svelte-kit',
	'data',
	'test-results',
	'playwright-report',
	'src/lib/paraglide',
	'project.inlang/cache'
];
const IGNORED_AT_ANY_DEPTH = new Set(['node_modules', '.git']);

/** Files inside the source folders that the build never reads: tests run by vitest, OS clutter. */
const NOT_READ_BY_BUILD = /(\.spec\.ts|\.test\.ts|^\.DS_Store|^Thumbs\.db)$/;

/**
 * Every config file at the root counts (vite, svelte, and any added later, like postcss), even
 * those the build ignores (eslint, playwright): a needless build is cheaper than a missed one.
 * @param {string} name
 */
const isRootConfig = (name) => /\.config\.[cm]?[jt]s$/.test(name);

/** Where a successful build records what it was built from. */
export const STAMP_PATH = 'build/.ieum-build.json';

/** What `npm run build` leaves in build/; the app is not built without them. */
const BUILD_OUTPUTS = ['build/server.js', 'build/handler.js'];

/**
 * @typedef {{ digest: string, files: Record<string, string> }} Fingerprint
 *   digest: one hash over every file below; files: path (with /) → hash of its contents.
 */

/** @param {string | Buffer} data */
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * Hashes every source file under `root` that the build reads.
 * @param {string} root the project folder
 * @returns {Fingerprint}
 */
export function fingerprintTree(root) {
	/** @type {Record<string, string>} */
	const files = {};
	const ignored = new Set(IGNORED);
	/** Real paths already walked, so a symlinked folder pointing upwards cannot loop. */
	const walked = new Set();

	/** @param {string} path relative, with / */
	const addFile = (path) => {
		files[path] = sha256(readFileSync(join(root, path)));
	};
	/** @param {string} path relative, with / */
	const walk = (path) => {
		const real = realpathSync(join(root, path));
		if (walked.has(real)) return;
		walked.add(real);
		for (const entry of readdirSync(join(root, path), { withFileTypes: true })) {
			const child = `${path}/${entry.name}`;
			if (ignored.has(child) || IGNORED_AT_ANY_DEPTH.has(entry.name)) continue;
			// A symlink counts as what it points to; a dangling one is left out.
			const stats = entry.isSymbolicLink()
				? statSync(join(root, child), { throwIfNoEntry: false })
				: entry;
			if (stats?.isDirectory()) walk(child);
			else if (stats?.isFile() && !NOT_READ_BY_BUILD.test(entry.name)) addFile(child);
		}
	};

	for (const folder of SOURCE_FOLDERS) {
		if (existsSync(join(root, folder))) walk(folder);
	}
	for (const entry of readdirSync(root, { withFileTypes: true })) {
		if (entry.isFile() && isRootConfig(entry.name)) addFile(entry.name);
	}
	// A missing file (no lockfile in a tarball) is simply absent; adding it later changes the digest.
	for (const path of SOURCE_FILES) {
		if (existsSync(join(root, path))) addFile(path);
	}

	const lines = Object.keys(files)
		.sort()
		.map((path) => `${path}\0${files[path]}\n`);
	return { digest: sha256(`ieum build fingerprint ${FORMAT}\n${lines.join('')}`), files };
}

/**
 * The record of the last successful build, or undefined when there is none (or it is unreadable,
 * which is treated the same way: build again).
 * @param {string} root
 * @returns {Fingerprint | undefined}
 */
export function readStamp(root) {
	try {
		const stamp = JSON.parse(readFileSync(join(root, STAMP_PATH), 'utf8'));
		if (stamp?.format !== FORMAT || typeof stamp.digest !== 'string') return undefined;
		return { digest: stamp.digest, files: stamp.files ?? {} };
	} catch {
		return undefined;
	}
}

/**
 * Records that build/ was built from `fingerprint`. Call only after the whole build succeeded.
 * @param {string} root
 * @param {Fingerprint} fingerprint
 */
export function writeStamp(root, fingerprint) {
	const stamp = { format: FORMAT, builtAt: new Date().toISOString(), ...fingerprint };
	writeFileSync(join(root, STAMP_PATH), `${JSON.stringify(stamp, null, '\t')}\n`);
}

/**
 * Forgets the last build. Done before building, so an interrupted or failed build, whose output
 * may be half old and half new, is never mistaken for a current one.
 * @param {string} root
 */
export function clearStamp(root) {
	rmSync(join(root, STAMP_PATH), { force: true });
}

/**
 * Whether build/ holds a successful build of the sources as they are now, and if not, why not
 * (in words for the start-up log).
 * @param {string} root
 * @returns {{ current: boolean, reason: string, fingerprint: Fingerprint }}
 */
export function buildStatus(root) {
	const fingerprint = fingerprintTree(root);
	const missing = BUILD_OUTPUTS.find((path) => !existsSync(join(root, path)));
	if (missing) return { current: false, reason: `${missing} does not exist`, fingerprint };
	const stamp = readStamp(root);
	if (!stamp) return { current: false, reason: 'no record of a successful build', fingerprint };
	if (stamp.digest === fingerprint.digest) return { current: true, reason: '', fingerprint };
	return { current: false, reason: describeChanges(stamp.files, fingerprint.files), fingerprint };
}

/**
 * "src/a.ts changed, src/b.ts added and 3 more": what differs between two file lists.
 * @param {Record<string, string>} before
 * @param {Record<string, string>} after
 */
export function describeChanges(before, after) {
	const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
	const changes = paths.flatMap((path) => {
		if (!(path in before)) return [`${path} added`];
		if (!(path in after)) return [`${path} removed`];
		return before[path] === after[path] ? [] : [`${path} changed`];
	});
	// Same files, same contents, different digest: the fingerprint format itself changed.
	if (changes.length === 0) return 'the fingerprint format changed';
	const shown = changes.slice(0, 3).join(', ');
	return changes.length > 3 ? `${shown} and ${changes.length - 3} more` : shown;
}
