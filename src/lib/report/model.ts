/**
 * A progress report as plain data: what the report page shows and what every export (PDF, XLSX,
 * CSV, Markdown, JSON) renders. Built on the server from the relational projection and
 * `activity` (src/lib/server/reports/build.ts); frozen as is in `report_snapshots` when saved, so
 * an old report renders exactly as it was. Both languages are kept side by side: the language is
 * chosen when rendering, not when building.
 *
 * The JSON export is this object; `schema` names its version (docs/API.md documents it).
 *
 * Changes since the first version (additions only, nothing renamed; R1 → R2 unless marked):
 * - `ReportPerson` (actor of a change, `generatedBy`) may carry `organizationEn`, the English
 *   name of the person's organization; `personLabel()` in text.ts picks it for English reports.
 * - Owner changes (`entityType: 'owner'`) carry `{ owner, role, name: Bilingual }` in
 *   `before`/`after`: the builder resolves the owner's name so renderers need no lookup.
 * - A roadmap made from a template (reports made since 2026-12-05): the template's rows (each
 *   task and milestone `created`) are one change, `entityType: 'roadmap'`, `field: 'created'`,
 *   `entityId` the roadmap's id, `after` a RoadmapCreation `{ template, tasks, milestones }`.
 * - R3: `ReportMilestone.description`, the milestone's description in both languages. Reports
 *   saved before have none; renderers read a missing one as empty (`milestoneDescription()`).
 */
import type { Locale, MilestoneStatus, OwnerRole, Sector, TaskStatus } from '../roadmap/vocabulary';

export const REPORT_SCHEMA = 'ieum.report/v1' as const;

export type Bilingual = Record<Locale, string>;

export interface ReportOwner {
	kind: 'organization' | 'user';
	id: string;
	name: Bilingual;
	/** Organizations have a sector; a person's is their first organization's, if any. */
	sector: Sector | null;
	role: OwnerRole;
}

export interface ReportTask {
	id: string;
	/** 1-based, in roadmap order (the five tasks first). */
	number: number;
	title: Bilingual;
	status: TaskStatus;
	/** 0–100. */
	progress: number;
	startDate: string | null;
	dueDate: string | null;
	owners: ReportOwner[];
	milestones: { total: number; done: number; overdue: number };
}

/** Milestone states a report calls out. Future milestone states (at_risk, blocked) fit here. */
export type ReportMilestoneStatus = MilestoneStatus | 'at_risk' | 'blocked';

export interface ReportMilestone {
	id: string;
	taskId: string;
	title: Bilingual;
	/**
	 * What its owners wrote about it (plain text, may hold line breaks; '' when none): where an
	 * at-risk or blocked milestone says why. Absent in reports saved before R3.
	 */
	description?: Bilingual;
	status: ReportMilestoneStatus;
	startDate: string | null;
	dueDate: string | null;
	/** 0–100 when the milestone carries its own progress, else null. */
	progress: number | null;
	/** The milestone's own owners; when it has none, its task's (ownersFromTask says so). */
	owners: ReportOwner[];
	/**
	 * True when `owners` are its task's, the milestone having none of its own: every format marks
	 * them so (ownersOfTask), lest they read as an assignment nobody made. Absent in older reports.
	 */
	ownersFromTask?: boolean;
	/** When it was marked done (from activity), if known. */
	doneAt: string | null;
}

export interface ProgressGroup {
	/** Sector name, or organization id. */
	key: string;
	label: Bilingual;
	sector: Sector | null;
	tasks: number;
	/** Mean progress (0–100) of the tasks in the group. */
	progress: number;
}

/** One coalesced change from `activity`, as data; `describeChange` turns it into a sentence. */
/** A person named in a report: who changed something, who generated the report. */
export interface ReportPerson {
	name: string;
	organization: string | null;
	organizationEn?: string | null;
}

export interface ReportChange {
	at: string;
	actor: ReportPerson | null;
	/** The task it belongs to (a milestone's task), or null for roadmap-level changes. */
	taskId: string | null;
	entityType: 'roadmap' | 'task' | 'milestone' | 'owner';
	entityId: string;
	/** The entity's title at report time (or as last known, for deleted ones). */
	entityTitle: Bilingual;
	field: string;
	before: unknown;
	after: unknown;
}

/**
 * A roadmap's creation from a template, as one change (entityType 'roadmap', field 'created'):
 * its `after`. The template's own rows (each task and milestone "added") are folded into it.
 */
export interface RoadmapCreation {
	template: Bilingual;
	tasks: number;
	milestones: number;
}

export interface TrendPoint {
	/** YYYY-MM-DD. */
	date: string;
	overall: number;
	/** taskId → progress. */
	tasks: Record<string, number>;
	/** The snapshot this point comes from; null for "now". */
	snapshotId: string | null;
}

export interface ReportData {
	schema: typeof REPORT_SCHEMA;
	roadmap: { id: string; title: Bilingual; overview: Bilingual };
	/** The report's period, both ends inclusive, YYYY-MM-DD. `until` is the generation date. */
	period: { since: string; until: string };
	generatedAt: string;
	generatedBy: ReportPerson | null;
	overall: {
		progress: number;
		tasks: number;
		milestones: number;
		milestonesDone: number;
		milestonesOverdue: number;
	};
	tasks: ReportTask[];
	bySector: ProgressGroup[];
	byOrganization: ProgressGroup[];
	milestones: ReportMilestone[];
	/** Milestone ids per section, each in due-date order (DESCRIBED_SECTIONS show descriptions). */
	sections: {
		doneInPeriod: string[];
		dueNext90Days: string[];
		overdue: string[];
		atRiskOrBlocked: string[];
	};
	changes: ReportChange[];
	trend: TrendPoint[];
}

/**
 * The milestone sections whose tables show each milestone's description under its title (page,
 * PDF, Markdown): the late and the troubled ones, whose description usually says why.
 */
export const DESCRIBED_SECTIONS: ReadonlySet<keyof ReportData['sections']> = new Set([
	'overdue',
	'atRiskOrBlocked'
]);

export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv', 'md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
