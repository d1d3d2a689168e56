import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own managed browser. */
function chromiumPath(): string | undefined {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
	return candidates.find((path): path is string => !!path && existsSync(path));
}

const port = Number(process.env.E2E_PORT ?? 4173);
// A fresh embedded database per run, so the e2e suite sees exactly what a new install shows.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ieum-e2e-'));
const executablePath = chromiumPath();

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: 'test-results',
	fullyParallel: false,
	// Several signed-in browsers per test on a 2-core machine: give them room, not flakiness.
	timeout: 90_000,
	expect: { timeout: 10_000 },
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	reporter: 'list',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath,
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--no-first-run'
					]
				}
			}
		}
	],
	webServer: {
		// The production build, started exactly as `npm start` starts it (npm test builds first).
		command: 'node build/server.js',
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		// Empty DATABASE_URL/REDIS_URL: the e2e server never touches a shared database or broker.
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			REDIS_URL: '',
			ORIGIN: '',
			// Every e2e test signs people up, and accepts invitations, from 127.0.0.1.
			SIGNUPS_PER_IP_PER_HOUR: '1000',
			INVITE_ACCEPTS_PER_IP: '1000'
		},
		stdout: 'pipe'
	}
});
