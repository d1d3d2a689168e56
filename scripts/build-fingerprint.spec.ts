import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	buildStatus,
	clearStamp,
	describeChanges,
	fingerprintTree,
	STAMP_PATH,
	writeStamp
} from './build-fingerprint.js';

let root: string;

function write(path: string, content: string) {
	mkdirSync(dirname(join(root, path)), { recursive: true });
	writeFileSync(join(root, path), content);
}

/** A small project as a tarball would unpack it (no .git), built once: build/ plus its record. */
beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'ieum-fingerprint-'));
	write('package.json', '{"name":"tree"}');
	write('package-lock.json', '{"lockfileVersion":3}');
	write('node_modules/.package-lock.json', '{"packages":{}}');
	write('vite.config.ts', 'export default {};');
	write('svelte.config.js', 'export default {};');
	write('tsconfig.json', '{}');
	write('project.inlang/settings.json', '{"baseLocale":"ko"}');
	write('src/routes/+page.svelte', '<h1>이음</h1>');
	write('src/lib/roadmap/doc.ts', 'export const shape = 1;');
	write('server/index.ts', 'console.log("server");');
	write('db/schema/index.ts', 'export {};');
	write('messages/ko.json', '{"hello":"안녕"}');
	write('static/robots.txt', 'User-agent: *');
	write('build/server.js', '// built');
	write('build/handler.js', '// built');
	writeStamp(root, fingerprintTree(root));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('whether npm start must build', () => {
	it('serves an unchanged tree without building, however often it is asked', () => {
		expect(buildStatus(root)).toMatchObject({ current: true });
		expect(buildStatus(root)).toMatchObject({ current: true });
	});

	it('does not build when a file is only touched, its bytes unchanged', () => {
		const later = new Date(Date.now() + 60_000);
		utimesSync(join(root, 'src/lib/roadmap/doc.ts'), later, later);
		expect(buildStatus(root).current).toBe(true);
	});

	it('builds when a source file changes, and names it', () => {
		write('src/lib/roadmap/doc.ts', 'export const shape = 2;');
		expect(buildStatus(root)).toMatchObject({
			current: false,
			reason: 'src/lib/roadmap/doc.ts changed'
		});
	});

	it.each([
		['a server module', 'server/index.ts'],
		['the database layer', 'db/schema/index.ts'],
		['a message file', 'messages/ko.json'],
		['a static asset', 'static/robots.txt'],
		['the Vite config', 'vite.config.ts'],
		['the inlang settings', 'project.inlang/settings.json'],
		['the lockfile', 'package-lock.json'],
		['the installed dependencies', 'node_modules/.package-lock.json']
	])('builds after a change to %s', (_what, path) => {
		write(path, 'something else');
		expect(buildStatus(root)).toMatchObject({ current: false, reason: `${path} changed` });
	});

	it('builds when a file is added (a new route, untracked by any git) or removed', () => {
		write('src/routes/about/+page.svelte', '<h1>About</h1>');
		expect(buildStatus(root)).toMatchObject({
			current: false,
			reason: 'src/routes/about/+page.svelte added'
		});
		writeStamp(root, fingerprintTree(root));

		rmSync(join(root, 'static/robots.txt'));
		expect(buildStatus(root)).toMatchObject({
			current: false,
			reason: 'static/robots.txt removed'
		});
	});

	it('builds when a config file appears at the root', () => {
		write('postcss.config.js', 'export default {};');
		expect(buildStatus(root)).toMatchObject({ current: false, reason: 'postcss.config.js added' });
	});

	it('ignores what the build does not read: outputs, data, caches, generated code, tests, docs', () => {
		write('node_modules/some-package/index.js', 'changed');
		write('src/lib/node_modules/x.js', 'nested dependencies');
		write('build/client/app.js', 'new output');
		write('.svelte-kit/generated/root.js', 'regenerated');
		write('data/PG_VERSION', '17');
		write('test-results/report.txt', 'failed');
		write('src/lib/paraglide/messages.js', 'regenerated from messages/');
		write('src/lib/roadmap/doc.spec.ts', 'a new unit spec');
		write('tests/integration/x.test.ts', 'a new test');
		write('docs/ARCHITECTURE.md', 'rewritten');
		write('.git/HEAD', 'ref: refs/heads/start');
		write('src/.DS_Store', 'finder');
		expect(buildStatus(root)).toMatchObject({ current: true });
	});

	it('builds when the last build left no record or an unreadable one', () => {
		clearStamp(root);
		expect(buildStatus(root)).toMatchObject({
			current: false,
			reason: 'no record of a successful build'
		});
		write(STAMP_PATH, '{"format":1,"dig');
		expect(buildStatus(root).current).toBe(false);
	});

	it('builds when the build output itself is gone', () => {
		rmSync(join(root, 'build/server.js'));
		expect(buildStatus(root)).toMatchObject({
			current: false,
			reason: 'build/server.js does not exist'
		});
	});

	it('gives the same fingerprint to the same contents in another folder', () => {
		const copy = mkdtempSync(join(tmpdir(), 'ieum-fingerprint-copy-'));
		try {
			const original = fingerprintTree(root);
			for (const path of Object.keys(original.files)) {
				mkdirSync(dirname(join(copy, path)), { recursive: true });
				writeFileSync(join(copy, path), readFileSync(join(root, path)));
			}
			expect(fingerprintTree(copy).digest).toBe(original.digest);
		} finally {
			rmSync(copy, { recursive: true, force: true });
		}
	});
});

describe('describeChanges', () => {
	it('names up to three changes and counts the rest', () => {
		const before = { a: '1', b: '1', c: '1', d: '1' };
		expect(describeChanges(before, { a: '2', b: '2', c: '1', e: '1' })).toBe(
			'a changed, b changed, d removed and 1 more'
		);
	});
});
