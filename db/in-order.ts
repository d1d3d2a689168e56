/**
 * Runs statements of one transaction in the order given, as few round trips apart as the driver
 * allows. On PGlite (in-process, or on its thread: pglite-remote.ts) statements issued together
 * queue in order on its one connection, so they are all sent at once and only the answers are
 * waited for. node-postgres runs one query at a time on a client, and a second query issued on a
 * busy client is deprecated (pg 8 warns; pg 9 refuses it), so on a Postgres transaction each
 * statement is issued once the one before has been answered (so also on the pool itself, where
 * statements issued together would run side by side on separate clients, in no set order).
 *
 * Statements are drizzle queries, which run only when awaited: pass them unawaited.
 */
import { is } from 'drizzle-orm';
import { PgliteDatabase } from 'drizzle-orm/pglite';
import { PgliteTransaction } from 'drizzle-orm/pglite';
import type { DbOrTx } from './client';

type Results<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

export async function inOrder<const T extends readonly PromiseLike<unknown>[]>(
	db: DbOrTx,
	statements: T
): Promise<Results<T>> {
	// Only PGlite's one connection keeps the order of statements issued together; a Postgres
	// pool would run them side by side on separate clients.
	if (is(db, PgliteDatabase) || is(db, PgliteTransaction))
		return (await Promise.all(statements)) as Results<T>;
	const results: unknown[] = [];
	for (const statement of statements) results.push(await statement);
	return results as Results<T>;
}
