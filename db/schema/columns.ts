import { customType, timestamp } from 'drizzle-orm/pg-core';

export { SECTORS, ROADMAP_ROLES } from '../../src/lib/roadmap/vocabulary';

/** Binary column: pg returns Buffer, PGlite returns Uint8Array; both are handed out as Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) =>
		value.constructor !== Uint8Array
			? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
			: value
});

/** Timestamps are always stored with a time zone and set by the database clock. */
export const createdAt = () =>
	timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** SQL list literal for a CHECK constraint, built from a closed vocabulary we own (never user input). */
export const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
