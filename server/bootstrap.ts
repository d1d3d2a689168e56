/** Start-up and shutdown of the services every entry point shares (production, dev, tests). */
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedDatabase } from '../db/seed';
import type { Config } from '../src/lib/server/config';
import { setServices, type Services } from '../src/lib/server/context';

export interface StartOptions {
	/** Skip the demo content (tests that want an empty database). */
	seed?: boolean;
	log?: (message: string) => void;
}

export async function startServices(config: Config, options: StartOptions = {}): Promise<Services> {
	const log = options.log ?? (() => {});
	const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
	try {
		await migrateDatabase(database);
		log(`database: ${database.kind} at ${database.location}, migrations applied`);
		if (options.seed !== false) {
			const seeded = await seedDatabase(database);
			log(seeded.created ? 'seed: demo roadmap created' : 'seed: demo roadmap already present');
		}
	} catch (error) {
		await database.close().catch(() => {});
		throw error;
	}
	const services: Services = { config, database };
	setServices(services);
	return services;
}

export async function stopServices(services: Services): Promise<void> {
	setServices(undefined);
	await services.database.close();
}
