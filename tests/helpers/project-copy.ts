/**
 * A throwaway copy of this project: exactly the files the build fingerprint covers, scripts/,
 * and (when asked) the current build/, with node_modules linked rather than copied. Tests run
 * `npm start`'s script there, so they never rebuild or restamp the real checkout.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fingerprintTree } from '../../scripts/build-fingerprint.js';
import { assertBuilt } from './server-process';

const PROJECT_ROOT = resolve('.');

export interface ProjectCopy {
	root: string;
	remove(): void;
}

export function copyProject({ withBuild }: { withBuild: boolean }): ProjectCopy {
	if (withBuild) assertBuilt();
	const root = mkdtempSync(join(tmpdir(), 'ieum-project-'));
	for (const path of Object.keys(fingerprintTree(PROJECT_ROOT).files)) {
		if (path.startsWith('node_modules/')) continue;
		mkdirSync(dirname(join(root, path)), { recursive: true });
		cpSync(join(PROJECT_ROOT, path), join(root, path));
	}
	cpSync(join(PROJECT_ROOT, 'scripts'), join(root, 'scripts'), { recursive: true });
	if (withBuild) cpSync(join(PROJECT_ROOT, 'build'), join(root, 'build'), { recursive: true });
	symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
	return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
