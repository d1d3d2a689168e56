/**
 * Group commit across roadmaps. Every live room commits its own writes, one commit at a time; with
 * many rooms busy at once, each commit is a statement (and on Postgres a transaction with its
 * WAL flush, on PGlite a turn of its one thread) of its own. The appender gathers the appends the
 * rooms ask for within one turn of the event loop (and while earlier ones are in flight) into one
 * statement (appendToLogs): the same rows, in the same order per roadmap, for one round trip.
 *
 * A statement that fails for a group is tried again roadmap by roadmap, so one roadmap's bad
 * write (or a deleted roadmap) never holds back the others; each caller gets its own answer.
 */
import type { Database, DbOrTx } from '../../../../db/client';
import { appendToLogs, type Appended, type LogEntry, type PreparedRunner } from './log';

interface Waiting {
	roadmapId: string;
	entries: LogEntry[];
	resolve: (appended: Appended) => void;
	reject: (error: unknown) => void;
}

export interface GroupAppenderOptions {
	/** Statements in flight at once; further appends wait and join the next group. */
	maxInFlight?: number;
	/** Roadmaps in one statement at most. */
	maxGroup?: number;
	/**
	 * Rows in one statement at most, so one roadmap's big append (a reconnecting page's backlog)
	 * does not make the roadmaps grouped with it wait for all of it. A single append larger than
	 * this still goes, alone (the rows travel as four array parameters, whatever their number).
	 */
	maxRows?: number;
	/** On Postgres, the pool's named statements (see PreparedRunner); PGlite has none to gain. */
	prepared?: PreparedRunner;
	/** Told once if the database refuses named statements and the appender stops using them. */
	log?: (message: string) => void;
}

export class GroupAppender {
	private waiting: Waiting[] = [];
	private inFlight = 0;
	private scheduled = false;
	private readonly maxInFlight: number;
	private readonly maxGroup: number;
	private readonly maxRows: number;
	private prepared: PreparedRunner | undefined;
	private readonly log: (message: string) => void;
	/** Roadmaps with an append in flight: the next one for them waits until it is answered. */
	private readonly busy = new Set<string>();
	/** Statements sent and roadmaps they carried (benches and tests read them). */
	readonly stats = { statements: 0, appends: 0 };

	constructor(
		private readonly db: DbOrTx,
		options: GroupAppenderOptions = {}
	) {
		this.maxInFlight = options.maxInFlight ?? 4;
		this.maxGroup = options.maxGroup ?? 100;
		this.maxRows = options.maxRows ?? 10_000;
		this.prepared = options.prepared;
		this.log = options.log ?? (() => {});
	}

	/** Appends `entries` to one roadmap's log, with whatever else is appended meanwhile. */
	append(roadmapId: string, entries: LogEntry[]): Promise<Appended> {
		return new Promise((resolve, reject) => {
			this.waiting.push({ roadmapId, entries, resolve, reject });
			this.schedule();
		});
	}

	private schedule() {
		if (this.scheduled || this.inFlight >= this.maxInFlight || !this.waiting.length) return;
		this.scheduled = true;
		// The rest of this turn's appends (other rooms' commits start in the same turn) join.
		setImmediate(() => {
			this.scheduled = false;
			while (this.inFlight < this.maxInFlight) {
				const group = this.nextGroup();
				if (!group.length) break;
				this.send(group);
			}
		});
	}

	/**
	 * The next waiting appends: each roadmap once, and none with an append still in flight (a
	 * roadmap's appends go one after another's answer, in the order asked).
	 */
	private nextGroup(): Waiting[] {
		const group: Waiting[] = [];
		const taken = new Set<string>();
		const rest: Waiting[] = [];
		let rows = 0;
		for (const w of this.waiting) {
			const free = !taken.has(w.roadmapId) && !this.busy.has(w.roadmapId);
			const fits =
				group.length < this.maxGroup && (!group.length || rows + w.entries.length <= this.maxRows);
			// Once one append of a roadmap waits, its later ones wait too: order is kept.
			if (free && fits) {
				group.push(w);
				rows += w.entries.length;
			} else rest.push(w);
			taken.add(w.roadmapId);
		}
		this.waiting = rest;
		return group;
	}

	private send(group: Waiting[]) {
		this.inFlight++;
		for (const w of group) this.busy.add(w.roadmapId);
		void this.run(group).finally(() => {
			this.inFlight--;
			for (const w of group) this.busy.delete(w.roadmapId);
			this.schedule();
		});
	}

	private async run(group: Waiting[]): Promise<void> {
		this.stats.statements++;
		this.stats.appends += group.length;
		const prepared = this.prepared;
		try {
			const appended = await appendToLogs(this.db, group, prepared);
			for (const w of group) w.resolve(appended.get(w.roadmapId)!);
		} catch (error) {
			if (prepared && refusesPreparedStatements(error)) {
				// A pooler between us and Postgres that does not keep named statements per client
				// (PgBouncer in transaction mode before 1.21, or without max_prepared_statements):
				// nothing was appended; the statement goes unnamed from now on (said once, though
				// the statements in flight beside this one may be refused too).
				if (this.prepared) {
					this.prepared = undefined;
					this.log(`named statements refused (${(error as Error).message}); commits go unnamed`);
				}
				return this.run(group);
			}
			if (group.length === 1) return group[0].reject(error);
			await Promise.all(group.map((w) => this.run([w])));
		}
	}
}

/**
 * Postgres' answer when a named statement is missing on the connection that runs it (26000) or
 * already there (42P05): a pooler handed the statement to another server connection.
 */
function refusesPreparedStatements(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '26000' || code === '42P05';
}

/** The appender a server uses: on Postgres, the commit's statement prepared once per connection. */
export function groupAppenderFor(
	database: Database,
	options: Omit<GroupAppenderOptions, 'prepared'> = {}
): GroupAppender {
	const { driver } = database;
	return new GroupAppender(database.db, {
		...options,
		...(driver.kind === 'postgres' && { prepared: (statement) => driver.pool.query(statement) })
	});
}
