/**
 * The process's long-lived services (database, config). The Node entry (server/index.ts) and the
 * SvelteKit bundle are built separately, so a module-level variable would exist twice; the
 * services are kept on globalThis under a registered symbol, the one place both builds can see.
 */
import type { Database } from '../../../db/client';
import type { Throttle } from './auth/throttle';
import type { Config } from './config';

export interface Services {
	config: Config;
	database: Database;
	/** Attempt limits for guessable endpoints; Redis-backed when REDIS_URL is set. */
	throttle: Throttle;
	/**
	 * The live collaboration rooms (set by the Node entry; absent in processes without them).
	 * Typed loosely here so the SvelteKit bundle does not pull in the websocket server.
	 */
	collab?: {
		revalidate(): Promise<void>;
		change(
			roadmapId: string,
			userId: string | null,
			mutate: (doc: import('yjs').Doc) => void
		): Promise<{ taskId: string; milestoneId?: string; ownerKey: string }[]>;
		/** Tells every member's page on the roadmap (all instances) that a comment thread changed. */
		commentsChanged?(
			roadmapId: string,
			target: { taskId: string; milestoneId: string | null }
		): void;
		/**
		 * Tells the roadmap's member pages (all instances) to read again their mentions (only
		 * `userIds`) or the member list (everyone).
		 */
		signal?(
			roadmapId: string,
			signal: { kind: 'mentions' | 'members' | 'roadmap'; userIds?: string[] }
		): void;
		/**
		 * Projects the roadmap's log through its room when the room is loaded in this process;
		 * resolves false when it is not (the caller catches up itself).
		 */
		projectNow?(roadmapId: string): Promise<boolean>;
		/** Whether Redis carries commits between instances now, and whether we are stopping. */
		status?(): { redis: 'ready' | 'away' | 'unused'; stopping: boolean };
	};
	/**
	 * Renders reports off the main thread (set by the Node entry; absent in tests and dev, where
	 * reports render in-process). Typed loosely so the SvelteKit bundle does not pull it in.
	 */
	reports?: {
		render(
			report: import('../report/model').ReportData,
			format: import('../report/model').ReportFormat,
			locale: import('../roadmap/vocabulary').Locale
		): Promise<import('./reports/render').RenderedReport>;
		renderSource(
			source: import('./reports/source-pages').ReportSourcePages,
			format: import('../report/model').ReportFormat,
			locale: import('../roadmap/vocabulary').Locale
		): Promise<import('./reports/render').RenderedReport>;
	};
	/** Closes everything the services opened besides the database. */
	closeExtras?: () => Promise<void>;
}

const KEY = Symbol.for('ieum.services');
type Holder = { [KEY]?: Services };

export function setServices(services: Services | undefined): void {
	(globalThis as Holder)[KEY] = services;
}

export function services(): Services {
	const current = (globalThis as Holder)[KEY];
	if (!current) {
		throw new Error(
			'Ieum services are not started: run the app with `npm start` or `npm run dev`, not a bare SvelteKit build.'
		);
	}
	return current;
}

/** The services when started, else undefined (code that also runs without them: tests, scripts). */
export function startedServices(): Services | undefined {
	return (globalThis as Holder)[KEY];
}

export const db = () => services().database.db;

/** Asks the collaboration server to re-check who may stay connected (after a rights change). */
export const revalidateConnections = () => void services().collab?.revalidate();

/**
 * Someone joined or left a roadmap: re-check the connections, and tell the members' pages on it
 * (every instance) to read the member list again, so pickers and filters offer the right people.
 */
export function membersChanged(roadmapId: string): void {
	revalidateConnections();
	services().collab?.signal?.(roadmapId, { kind: 'members' });
}

/**
 * A roadmap was renamed, archived or brought back: re-check the connections (an archived one is
 * read-only), and tell the members' open pages to read its title and state again.
 */
export function roadmapChanged(roadmapId: string): void {
	revalidateConnections();
	services().collab?.signal?.(roadmapId, { kind: 'roadmap' });
}
