/**
 * What the production start-up (server/bootstrap.ts) sets up, checked on each database: how often
 * the collaboration server re-checks its connections. Every open page pays for each re-check, so
 * its pace is a property a deployment notices (on Postgres it once ran every millisecond).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startServices, stopServices, type StartedServices } from '../../server/bootstrap';
import { CollabServer } from '../../server/collab/server';
import { readConfig } from '../../src/lib/server/config';
import { createPostgresDatabase, databaseKinds } from '../helpers/databases';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	vi.restoreAllMocks();
	while (cleanups.length) await cleanups.pop()!();
});

async function start(kind: 'pglite' | 'postgres'): Promise<StartedServices> {
	const dataDir = mkdtempSync(join(tmpdir(), 'ieum-bootstrap-'));
	cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
	let url: string | undefined;
	if (kind === 'postgres') {
		const created = await createPostgresDatabase();
		cleanups.push(() => created.drop());
		url = created.url;
	}
	const services = await startServices(readConfig({ DATA_DIR: dataDir, DATABASE_URL: url }), {
		seed: false
	});
	cleanups.push(() => stopServices(services));
	return services;
}

describe.each(databaseKinds())('start-up on %s', (kind) => {
	it('re-checks connections at its set pace: every second on Postgres, every 10 s on PGlite', async () => {
		const sweeps = vi.spyOn(CollabServer.prototype, 'revalidate');
		await start(kind);
		await new Promise((resolve) => setTimeout(resolve, 2_500));
		if (kind === 'postgres') {
			// Other instances' changes (a member removed elsewhere) reach this one's pages this way.
			expect(sweeps.mock.calls.length).toBeGreaterThanOrEqual(1);
			expect(sweeps.mock.calls.length).toBeLessThanOrEqual(3);
		} else {
			expect(sweeps).not.toHaveBeenCalled();
		}
	});
});
