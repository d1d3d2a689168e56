/**
 * The roadmap's write lock: every writer (commits, compaction, membership changes) holds it for
 * its transaction, so per-roadmap sequence order is commit order across connections and instances.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';

export const lockRoadmap = (tx: DbOrTx, roadmapId: string) =>
	tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${roadmapId}, 0))`);
