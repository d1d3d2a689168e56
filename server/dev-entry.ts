/** What `npm run dev` starts inside Vite (see vite-plugin.ts): the production services. */
import { readConfig } from '../src/lib/server/config';
import { startServices, stopServices } from './bootstrap';

export async function startDev(options: {
	env: Record<string, string | undefined>;
	log: (message: string) => void;
}): Promise<() => Promise<void>> {
	const services = await startServices(readConfig(options.env), { log: options.log });
	return () => stopServices(services);
}
