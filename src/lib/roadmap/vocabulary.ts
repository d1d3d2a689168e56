/**
 * The closed vocabularies of roadmap content. The Y.Doc, the SQL projection (CHECK constraints)
 * and the UI all take their values from here.
 */

export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const SECTORS = ['government', 'industry', 'academia', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const TASK_STATUSES = [
	'planned',
	'in_progress',
	'at_risk',
	'delayed',
	'done',
	'on_hold'
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const MILESTONE_STATUSES = [
	'planned',
	'in_progress',
	'at_risk',
	'blocked',
	'done',
	'cancelled'
] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Milestone statuses that need nobody's work any more: never overdue, done counts as 100 %. */
export const CLOSED_MILESTONE_STATUSES: readonly MilestoneStatus[] = ['done', 'cancelled'];

/** RACI without the A: who leads the work, supports it, is consulted, is kept informed. */
export const OWNER_ROLES = ['lead', 'support', 'consulted', 'informed'] as const;
export type OwnerRole = (typeof OWNER_ROLES)[number];

export const ROADMAP_ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type RoadmapRole = (typeof ROADMAP_ROLES)[number];
/** Whether a value (a form field, a URL parameter) names a roadmap role. */
export const isRole = (value: unknown): value is RoadmapRole =>
	typeof value === 'string' && (ROADMAP_ROLES as readonly string[]).includes(value);

export const isOneOf = <T extends string>(set: readonly T[], value: unknown): value is T =>
	typeof value === 'string' && (set as readonly string[]).includes(value);
