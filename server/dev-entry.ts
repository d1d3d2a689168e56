/** What `npm run dev` starts inside Vite (see vite-plugin.ts): the production services. */
import { readConfig } from '../src/lib/server/config';
import type { Server } from 'node:http';
import { startServices, stopServices } from './bootstrap';
import { CollabServer } from './collab/server';

export async function startDev(options: {
	env: Record<string, string | undefined>;
	log: (message: string) => void;
	httpServer: Server | null;
}): Promise<() => Promise<void>> {
	const services = await startServices(readConfig(options.env), { log: options.log });
	// Vite's own HMR socket shares this server; we take only /collab/ upgrades.
	options.httpServer?.on('upgrade', (req, socket, head) => {
		if (CollabServer.handles(req.url)) void services.collab.handleUpgrade(req, socket, head);
	});
	return () => stopServices(services);
}
