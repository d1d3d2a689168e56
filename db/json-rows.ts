/**
 * Many rows written with one statement and one parameter: the rows as JSON, which Postgres
 * expands with jsonb_to_recordset. Drizzle's `.values(rows)` takes a parameter per column per
 * row, and building those statements was most of the server's main-thread time when thousands
 * of milestones arrived at once (a plan pasted or imported in: 1.2 s of JavaScript for 10,000
 * milestones and their activity, measured with `node bench/workspace.mjs` under --cpu-prof);
 * a statement per changed row, as many round trips (1,500 rows: 925 ms on PGlite).
 *
 * Rows are of one shape: a column is written when any row has a value for it, and a row without
 * one gets NULL there, not the column's default.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

type Row = Record<string, unknown>;

/** `insert into table (…) select … from the rows`. */
export function insertRowsAsJson<T extends PgTable>(table: T, rows: T['$inferInsert'][]): SQL {
	const { names, source } = asRecordset(table, rows as Row[]);
	return sql`insert into ${table} (${names}) select ${names} from ${source}`;
}

/**
 * `update table set … from the rows where the keys match`: each row sets every column it has,
 * on the table's row with the same `keys`. For many rows at once: the planner cannot know how
 * many rows the JSON holds, and for a handful a plain update by primary key is cheaper.
 */
export function updateRowsAsJson<T extends PgTable>(
	table: T,
	keys: (keyof T['$inferInsert'] & string)[],
	rows: T['$inferInsert'][]
): SQL {
	const { written, source } = asRecordset(table, rows as Row[]);
	const isKey = (key: string) => (keys as string[]).includes(key);
	const set = sql.join(
		written
			.filter(([key]) => !isKey(key))
			.map(([, column]) => sql`${sql.identifier(column.name)} = r.${sql.identifier(column.name)}`),
		sql`, `
	);
	const match = sql.join(
		written
			.filter(([key]) => isKey(key))
			.map(([, column]) => sql`${column} = r.${sql.identifier(column.name)}`),
		sql` and `
	);
	return sql`update ${table} set ${set} from ${source} where ${match}`;
}

function asRecordset(table: PgTable, rows: Row[]) {
	const written = (Object.entries(getTableColumns(table)) as [string, PgColumn][]).filter(([key]) =>
		rows.some((row) => row[key] !== undefined)
	);
	const names = sql.join(
		written.map(([, column]) => sql.identifier(column.name)),
		sql`, `
	);
	const shape = sql.join(
		written.map(
			([, column]) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`
		),
		sql`, `
	);
	// Dates become ISO strings (JSON.stringify calls toJSON), which timestamptz reads back exactly;
	// jsonb columns take the value itself; numbers keep every digit of the double.
	const json = JSON.stringify(
		rows.map((row) =>
			Object.fromEntries(written.map(([key, column]) => [column.name, row[key] ?? null]))
		)
	);
	return { written, names, source: sql`jsonb_to_recordset(${json}::jsonb) as r(${shape})` };
}
