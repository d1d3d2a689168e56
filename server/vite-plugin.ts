/**
 * `npm run dev`: starts the same services as production inside Vite's dev server and hands its
 * websocket upgrades to the same hook, so dev behaves like `npm start`. The server modules are
 * loaded through Vite's SSR loader, so this file (read with the Vite config) stays tiny.
 */
import type { Plugin } from 'vite';

type DevEntry = typeof import('./dev-entry');

export function ieumDevServer(): Plugin {
	return {
		name: 'ieum-dev-server',
		apply: 'serve',
		async configureServer(server) {
			// Vitest starts a Vite server too; tests start their own services.
			if (process.env.VITEST) return;
			const entry = (await server.ssrLoadModule('/server/dev-entry.ts')) as DevEntry;
			const stop = await entry.startDev({
				env: process.env,
				httpServer: server.httpServer as import('node:http').Server | null,
				log: (message) => server.config.logger.info(`[ieum] ${message}`)
			});
			server.httpServer?.on('close', () => void stop());
		}
	};
}
