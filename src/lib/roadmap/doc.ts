/**
 * The shape of a roadmap's Y.Doc, declared once for the browser and the server.
 *
 *   doc.getMap('meta')        overviewKo, overviewEn: Y.Text
 *   doc.getMap('tasks')       taskId → Y.Map (see TaskKeys)
 *   doc.getMap('milestones')  milestoneId → Y.Map (see MilestoneKeys), each naming its taskId
 *
 * Entities live in maps keyed by id with a numeric `position`, not in arrays: moving an item then
 * changes one number instead of deleting and re-inserting it, which would drop concurrent edits.
 * Nothing outside this module names a Y type by string.
 */
import * as Y from 'yjs';
import { clampText, isEntityId } from './limits';
import { clampProgress, normaliseSpan } from './schedule';
import { editCountsAsTranslation } from './translation';
import {
	isOneOf,
	MILESTONE_STATUSES,
	OWNER_ROLES,
	SECTORS,
	TASK_STATUSES,
	type Locale,
	type MilestoneStatus,
	type OwnerRole,
	type Sector,
	type TaskStatus
} from './vocabulary';

export type Bilingual<T = string> = Record<Locale, T>;

/**
 * The transaction origin of writes nobody asked for: edit times, shapes filled in for older
 * items. Undo (collab/undo.ts) leaves them alone, so Ctrl+Z never spends a step on them.
 */
export const BOOKKEEPING = Symbol('ieum.bookkeeping');

/**
 * When each language of a text was last edited (ms since epoch; null if never recorded here), and
 * when both were last known to say the same thing (see translation.ts).
 */
export interface EditedAt {
	ko: number | null;
	en: number | null;
	inStep: number | null;
}

export interface OwnerRef {
	kind: 'organization' | 'user';
	id: string;
	role: OwnerRole;
}

/** A task as plain data, read from the doc and normalised. */
export interface TaskData {
	id: string;
	position: number;
	title: Bilingual;
	summary: Bilingual;
	status: TaskStatus;
	progress: number;
	suggestedSectors: Sector[];
	startDate: string | null;
	dueDate: string | null;
	/** Keyed by ownerKey() */
	owners: Record<string, OwnerRef>;
	edited: { title: EditedAt; summary: EditedAt };
}

export interface MilestoneData {
	id: string;
	taskId: string;
	position: number;
	title: Bilingual;
	/** A short plain-text description per language ('' when none). */
	description: Bilingual;
	status: MilestoneStatus;
	/** 0–100, set by hand. */
	progress: number;
	startDate: string | null;
	dueDate: string | null;
	/** Keyed by ownerKey() */
	owners: Record<string, OwnerRef>;
	edited: { title: EditedAt };
}

export interface RoadmapData {
	overview: Bilingual;
	overviewEdited: EditedAt;
	tasks: TaskData[];
	milestones: MilestoneData[];
}

/** The names of the doc's root maps. */
export const ROOT = { meta: 'meta', tasks: 'tasks', milestones: 'milestones' } as const;

type TaskMap = Y.Map<unknown>;
type MilestoneMap = Y.Map<unknown>;

export const metaMap = (doc: Y.Doc) => doc.getMap<Y.Text>(ROOT.meta);
export const tasksMap = (doc: Y.Doc) => doc.getMap<TaskMap>(ROOT.tasks);
export const milestonesMap = (doc: Y.Doc) => doc.getMap<MilestoneMap>(ROOT.milestones);

const overviewKey = (locale: Locale) => (locale === 'ko' ? 'overviewKo' : 'overviewEn');
const titleKey = (locale: Locale) => (locale === 'ko' ? 'titleKo' : 'titleEn');
const summaryKey = (locale: Locale) => (locale === 'ko' ? 'summaryKo' : 'summaryEn');
const descriptionKey = (locale: Locale) => (locale === 'ko' ? 'descriptionKo' : 'descriptionEn');

/** The texts whose two languages are tracked for translation. */
export type TranslatedField = 'title' | 'summary' | 'overview';
const editedKey = (field: TranslatedField, locale: Locale) =>
	`${field}${locale === 'ko' ? 'Ko' : 'En'}EditedAt`;

/**
 * Records that one language of a text was just edited here, so readers can tell when the other
 * language is older (needs translation). `target` is a task or milestone, or null for the
 * roadmap's overview. An edit of the language that was behind counts as translating it: the
 * two are in step again from then on (see translation.ts for the rules).
 */
export function markEdited(
	doc: Y.Doc,
	target: { kind: 'task' | 'milestone'; id: string } | null,
	field: TranslatedField,
	locale: Locale,
	at = Date.now()
): void {
	const map = translatedMap(doc, target);
	if (!map) return;
	const edited = readEdited(map, field);
	doc.transact(() => {
		if (editCountsAsTranslation(edited, locale, at)) map.set(inStepKey(field), at);
		map.set(editedKey(field, locale), at);
	}, BOOKKEEPING);
}

const inStepKey = (field: TranslatedField) => `${field}InStepAt`;

/** The map holding a translated text: a task's, a milestone's, or the roadmap's meta. */
function translatedMap(
	doc: Y.Doc,
	target: { kind: 'task' | 'milestone'; id: string } | null
): Y.Map<unknown> | undefined {
	if (target === null) return metaMap(doc) as Y.Map<unknown>;
	return target.kind === 'task' ? taskMap(doc, target.id) : milestonesMap(doc).get(target.id);
}

/** "The two languages say the same": clears a stale mark without editing either text. */
export function markInStep(
	doc: Y.Doc,
	target: { kind: 'task' | 'milestone'; id: string } | null,
	field: TranslatedField,
	at = Date.now()
): void {
	const map = translatedMap(doc, target);
	map?.set(inStepKey(field), at);
}

const timeOf = (value: unknown) =>
	typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;

function readEdited(map: Y.Map<unknown>, field: TranslatedField): EditedAt {
	return {
		ko: timeOf(map.get(editedKey(field, 'ko'))),
		en: timeOf(map.get(editedKey(field, 'en'))),
		inStep: timeOf(map.get(inStepKey(field)))
	};
}

/** The overview text of one language, created on first use. */
export function overviewText(doc: Y.Doc, locale: Locale): Y.Text {
	const meta = metaMap(doc);
	let text = meta.get(overviewKey(locale));
	if (!(text instanceof Y.Text)) {
		text = new Y.Text();
		meta.set(overviewKey(locale), text);
	}
	return text;
}

/** The overview text of one language if it exists (reading must never write into the doc). */
export function findOverviewText(doc: Y.Doc, locale: Locale): Y.Text | undefined {
	const text = metaMap(doc).get(overviewKey(locale));
	return text instanceof Y.Text ? text : undefined;
}

/** An id that is unique enough for entities inside one doc, usable in insecure contexts too. */
export function newId(prefix: string): string {
	const bytes = new Uint8Array(9);
	crypto.getRandomValues(bytes);
	let out = '';
	for (const b of bytes) out += b.toString(36).padStart(2, '0');
	return `${prefix}_${out.slice(0, 14)}`;
}

export const ownerKey = (owner: Pick<OwnerRef, 'kind' | 'id'>) =>
	`${owner.kind === 'organization' ? 'org' : 'user'}:${owner.id}`;

export interface NewTask {
	/** A language left out (or empty) stays empty: readers show the other, marked untranslated. */
	title: Partial<Bilingual>;
	summary?: Bilingual;
	position?: number;
	status?: TaskStatus;
	progress?: number;
	suggestedSectors?: Sector[];
	startDate?: string | null;
	dueDate?: string | null;
}

/**
 * Adds a task, whole, in one transaction (nested in the caller's, if any). Returns its id.
 * One transaction is one update on the wire and one row in the log: written field by field, the
 * task reached the projection as an empty, unplaced task and then as a reorder and a title
 * change ("“” → …") in the activity log and the report.
 */
export function addTask(doc: Y.Doc, task: NewTask, id = newId('task')): string {
	doc.transact(() => {
		const tasks = tasksMap(doc);
		const map: TaskMap = new Y.Map();
		tasks.set(id, map);
		map.set(
			'position',
			task.position ?? nextPosition([...tasks.values()].filter((t) => t !== map))
		);
		map.set('status', task.status ?? 'planned');
		map.set('progress', task.progress ?? 0);
		map.set('suggestedSectors', task.suggestedSectors ?? []);
		map.set('startDate', task.startDate ?? null);
		map.set('dueDate', task.dueDate ?? null);
		map.set('owners', new Y.Map());
		for (const locale of ['ko', 'en'] as const) {
			const title = new Y.Text();
			map.set(titleKey(locale), title);
			title.insert(0, task.title[locale] ?? '');
			const summary = new Y.XmlFragment();
			map.set(summaryKey(locale), summary);
			setPlainParagraphs(summary, task.summary?.[locale] ?? '');
		}
	});
	return id;
}

export interface NewMilestone {
	taskId: string;
	title: Partial<Bilingual>;
	description?: Partial<Bilingual>;
	position?: number;
	status?: MilestoneStatus;
	progress?: number;
	startDate?: string | null;
	dueDate?: string | null;
}

/** Adds a milestone, whole, in one transaction (see addTask). Returns its id. */
export function addMilestone(doc: Y.Doc, milestone: NewMilestone, id = newId('ms')): string {
	doc.transact(() => {
		const all = milestonesMap(doc);
		const position =
			milestone.position ??
			nextPosition(
				[...all.values()].filter((m) => m instanceof Y.Map && m.get('taskId') === milestone.taskId)
			);
		const map: MilestoneMap = new Y.Map();
		all.set(id, map);
		map.set('taskId', milestone.taskId);
		map.set('position', position);
		map.set('status', milestone.status ?? 'planned');
		map.set('progress', milestone.progress ?? 0);
		map.set('startDate', milestone.startDate ?? null);
		map.set('dueDate', milestone.dueDate ?? null);
		map.set('owners', new Y.Map());
		for (const locale of ['ko', 'en'] as const) {
			const title = new Y.Text();
			map.set(titleKey(locale), title);
			title.insert(0, milestone.title[locale] ?? '');
			const description = new Y.Text();
			map.set(descriptionKey(locale), description);
			description.insert(0, milestone.description?.[locale] ?? '');
		}
	});
	return id;
}

export function taskMap(doc: Y.Doc, taskId: string): TaskMap | undefined {
	return tasksMap(doc).get(taskId);
}

export function taskTitleText(doc: Y.Doc, taskId: string, locale: Locale): Y.Text | undefined {
	const value = taskMap(doc, taskId)?.get(titleKey(locale));
	return value instanceof Y.Text ? value : undefined;
}

export function taskSummaryFragment(
	doc: Y.Doc,
	taskId: string,
	locale: Locale
): Y.XmlFragment | undefined {
	const value = taskMap(doc, taskId)?.get(summaryKey(locale));
	return value instanceof Y.XmlFragment ? value : undefined;
}

export function milestoneTitleText(
	doc: Y.Doc,
	milestoneId: string,
	locale: Locale
): Y.Text | undefined {
	const value = milestonesMap(doc).get(milestoneId)?.get(titleKey(locale));
	return value instanceof Y.Text ? value : undefined;
}

/** A milestone's description text of one language, if it exists (reading never writes). */
export function milestoneDescriptionText(
	doc: Y.Doc,
	milestoneId: string,
	locale: Locale
): Y.Text | undefined {
	const value = milestonesMap(doc).get(milestoneId)?.get(descriptionKey(locale));
	return value instanceof Y.Text ? value : undefined;
}

/**
 * Gives a milestone made before descriptions existed its description texts and owners map, so
 * the editor can bind to them. Writes only what is missing; a no-op on current milestones.
 */
export function ensureMilestoneShape(doc: Y.Doc, milestoneId: string): void {
	const map = milestonesMap(doc).get(milestoneId);
	if (!map) return;
	const missing = (['ko', 'en'] as const).filter(
		(l) => !(map.get(descriptionKey(l)) instanceof Y.Text)
	);
	const noOwners = !(map.get('owners') instanceof Y.Map);
	if (!missing.length && !noOwners) return;
	doc.transact(() => {
		for (const l of missing) map.set(descriptionKey(l), new Y.Text());
		if (noOwners) map.set('owners', new Y.Map());
	}, BOOKKEEPING);
}

type MilestoneScalar = 'status' | 'progress' | 'startDate' | 'dueDate';

export function setMilestoneField<K extends MilestoneScalar>(
	doc: Y.Doc,
	milestoneId: string,
	field: K,
	value: MilestoneData[K]
): void {
	const map = milestonesMap(doc).get(milestoneId);
	if (!map) throw new Error(`No milestone ${milestoneId} in this roadmap`);
	map.set(field, value);
}

type TaskScalar = 'status' | 'progress' | 'startDate' | 'dueDate' | 'suggestedSectors';
type TaskScalarValue<K extends TaskScalar> = TaskData[K];

export function setTaskField<K extends TaskScalar>(
	doc: Y.Doc,
	taskId: string,
	field: K,
	value: TaskScalarValue<K>
): void {
	const map = taskMap(doc, taskId);
	if (!map) throw new Error(`No task ${taskId} in this roadmap`);
	map.set(field, value);
}

export function assignOwner(doc: Y.Doc, taskId: string, owner: OwnerRef): void {
	const owners = taskMap(doc, taskId)?.get('owners');
	if (!(owners instanceof Y.Map)) throw new Error(`No task ${taskId} in this roadmap`);
	owners.set(ownerKey(owner), { kind: owner.kind, id: owner.id, role: owner.role });
}

export function unassignOwner(doc: Y.Doc, taskId: string, key: string): void {
	const owners = taskMap(doc, taskId)?.get('owners');
	if (owners instanceof Y.Map) owners.delete(key);
}

/** Assigns an owner to a milestone (an older milestone gets its owners map first). */
export function assignMilestoneOwner(doc: Y.Doc, milestoneId: string, owner: OwnerRef): void {
	const map = milestonesMap(doc).get(milestoneId);
	if (!map) throw new Error(`No milestone ${milestoneId} in this roadmap`);
	doc.transact(() => {
		let owners = map.get('owners');
		if (!(owners instanceof Y.Map)) {
			owners = new Y.Map();
			map.set('owners', owners);
		}
		(owners as Y.Map<unknown>).set(ownerKey(owner), {
			kind: owner.kind,
			id: owner.id,
			role: owner.role
		});
	});
}

export function unassignMilestoneOwner(doc: Y.Doc, milestoneId: string, key: string): void {
	const owners = milestonesMap(doc).get(milestoneId)?.get('owners');
	if (owners instanceof Y.Map) owners.delete(key);
}

/** Deletes a task together with its milestones, in one transaction. */
export function deleteTask(doc: Y.Doc, taskId: string): void {
	doc.transact(() => {
		tasksMap(doc).delete(taskId);
		const milestones = milestonesMap(doc);
		for (const [id, m] of milestones)
			if (m instanceof Y.Map && m.get('taskId') === taskId) milestones.delete(id);
	});
}

export function deleteMilestone(doc: Y.Doc, milestoneId: string): void {
	milestonesMap(doc).delete(milestoneId);
}

// ---- reading ---------------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date 'YYYY-MM-DD' that exists (proleptic Gregorian, as Date reads it), or null.
 * Checked by arithmetic: building a Date for each of thousands of milestones dominated reading.
 */
export function normaliseDate(value: unknown): string | null {
	if (typeof value !== 'string' || !DATE.test(value)) return null;
	const year = Number(value.slice(0, 4));
	const month = Number(value.slice(5, 7));
	const day = Number(value.slice(8, 10));
	if (month < 1 || month > 12 || day < 1) return null;
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const days = month === 2 ? (leap ? 29 : 28) : SHORT_MONTHS.has(month) ? 30 : 31;
	return day <= days ? value : null;
}
const SHORT_MONTHS = new Set([4, 6, 9, 11]);

const normaliseProgress = clampProgress;

/** Statuses older or foreign clients may write for a milestone, read as the nearest one we have. */
const MILESTONE_STATUS_ALIASES: Record<string, MilestoneStatus> = {
	delayed: 'at_risk',
	on_hold: 'blocked'
};

const numberOr = (value: unknown, fallback: number) =>
	typeof value === 'number' && Number.isFinite(value) ? value : fallback;

const textOf = (value: unknown) => (value instanceof Y.Text ? value.toString() : '');
const titleOf = (map: Y.Map<unknown>, kind: 'taskTitle' | 'milestoneTitle'): Bilingual => ({
	ko: clampText(kind, textOf(map.get('titleKo'))),
	en: clampText(kind, textOf(map.get('titleEn')))
});

function readOwners(value: unknown): Record<string, OwnerRef> {
	const owners: Record<string, OwnerRef> = {};
	if (!(value instanceof Y.Map)) return owners;
	for (const [key, raw] of value.entries()) {
		const owner = raw as Partial<OwnerRef> | null;
		if (!owner || (owner.kind !== 'organization' && owner.kind !== 'user')) continue;
		if (typeof owner.id !== 'string' || key !== ownerKey({ kind: owner.kind, id: owner.id }))
			continue;
		owners[key] = {
			kind: owner.kind,
			id: owner.id,
			role: isOneOf(OWNER_ROLES, owner.role) ? owner.role : 'lead'
		};
	}
	return owners;
}

/**
 * Reads one task. Clients can write anything into a shared doc, so every value is checked and
 * anything out of range falls back to its default rather than reaching SQL or the screen.
 */
export function readTask(id: string, map: TaskMap): TaskData | null {
	if (!isEntityId(id)) return null;
	const sectors = map.get('suggestedSectors');
	const status = map.get('status');
	const span = normaliseSpan(
		normaliseDate(map.get('startDate')),
		normaliseDate(map.get('dueDate'))
	);
	return {
		id,
		position: numberOr(map.get('position'), 0),
		title: titleOf(map, 'taskTitle'),
		summary: {
			ko: clampText('summary', fragmentToPlainText(map.get('summaryKo'))),
			en: clampText('summary', fragmentToPlainText(map.get('summaryEn')))
		},
		status: isOneOf(TASK_STATUSES, status) ? status : 'planned',
		progress: normaliseProgress(map.get('progress')),
		suggestedSectors: Array.isArray(sectors)
			? [...new Set(sectors.filter((s): s is Sector => isOneOf(SECTORS, s)))]
			: [],
		startDate: span.startDate,
		dueDate: span.dueDate,
		owners: readOwners(map.get('owners')),
		edited: { title: readEdited(map, 'title'), summary: readEdited(map, 'summary') }
	};
}

export function readMilestone(id: string, map: MilestoneMap): MilestoneData | null {
	const taskId = map.get('taskId');
	if (!isEntityId(id) || !isEntityId(taskId)) return null;
	const rawStatus = map.get('status');
	const status: MilestoneStatus = isOneOf(MILESTONE_STATUSES, rawStatus)
		? rawStatus
		: typeof rawStatus === 'string' && Object.hasOwn(MILESTONE_STATUS_ALIASES, rawStatus)
			? MILESTONE_STATUS_ALIASES[rawStatus]
			: 'planned';
	const span = normaliseSpan(
		normaliseDate(map.get('startDate')),
		normaliseDate(map.get('dueDate'))
	);
	// Milestones written before progress, start, description and owners existed read as 0,
	// no date, '' and none.
	return {
		id,
		taskId,
		position: numberOr(map.get('position'), 0),
		title: titleOf(map, 'milestoneTitle'),
		description: {
			ko: clampText('milestoneDescription', textOf(map.get('descriptionKo'))),
			en: clampText('milestoneDescription', textOf(map.get('descriptionEn')))
		},
		status,
		// Done is done: 100 % wherever it is read (the roll-up, the board, the API, exports),
		// whatever was typed before; reopened, it shows its own progress again.
		progress: status === 'done' ? 100 : normaliseProgress(map.get('progress')),
		startDate: span.startDate,
		dueDate: span.dueDate,
		owners: readOwners(map.get('owners')),
		edited: { title: readEdited(map, 'title') }
	};
}

/** The order readRoadmap lists tasks and milestones in. */
export const byPosition = <T extends { position: number; id: string }>(a: T, b: T) =>
	a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The overview texts alone, as readRoadmap reads them. */
export function readOverview(doc: Y.Doc): Bilingual {
	const meta = metaMap(doc) as Y.Map<unknown>;
	return {
		ko: clampText('overview', textOf(meta.get('overviewKo'))),
		en: clampText('overview', textOf(meta.get('overviewEn')))
	};
}

/** When the overview's languages were edited, as readRoadmap reads it. */
export const readMetaEdited = (doc: Y.Doc): EditedAt =>
	readEdited(metaMap(doc) as Y.Map<unknown>, 'overview');

/** The whole roadmap as plain, ordered data. Milestones whose task is gone are left out. */
export function readRoadmap(doc: Y.Doc): RoadmapData {
	const tasks: TaskData[] = [];
	for (const [id, map] of tasksMap(doc).entries()) {
		const task = map instanceof Y.Map ? readTask(id, map) : null;
		if (task) tasks.push(task);
	}
	tasks.sort(byPosition);
	const taskIds = new Set(tasks.map((t) => t.id));
	const milestones: MilestoneData[] = [];
	for (const [id, map] of milestonesMap(doc).entries()) {
		const milestone = map instanceof Y.Map ? readMilestone(id, map) : null;
		if (milestone && taskIds.has(milestone.taskId)) milestones.push(milestone);
	}
	milestones.sort(byPosition);
	return {
		overview: readOverview(doc),
		overviewEdited: readMetaEdited(doc),
		tasks,
		milestones
	};
}

// ---- rich text helpers -----------------------------------------------------------------------

/** Plain text of a Tiptap/ProseMirror fragment: blocks separated by newlines. */
export function fragmentToPlainText(value: unknown): string {
	if (!(value instanceof Y.XmlFragment)) return '';
	const blocks: string[] = [];
	for (const child of value.toArray()) blocks.push(nodeText(child));
	return blocks.join('\n').trim();
}

function nodeText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
	if (node instanceof Y.XmlText) {
		return (node.toDelta() as { insert: unknown }[])
			.map((op) => (typeof op.insert === 'string' ? op.insert : ''))
			.join('');
	}
	if (node instanceof Y.XmlElement) {
		if (node.nodeName === 'hardBreak') return '\n';
		const parts = node.toArray().map(nodeText);
		const isBlockContainer = ['bulletList', 'orderedList', 'blockquote', 'listItem'].includes(
			node.nodeName
		);
		return parts.join(isBlockContainer ? '\n' : '');
	}
	return '';
}

/** Replaces a fragment's content with one paragraph per line of `text`. */
export function setPlainParagraphs(fragment: Y.XmlFragment, text: string): void {
	if (fragment.length) fragment.delete(0, fragment.length);
	const lines = text.split('\n').filter((line, i, all) => line || all.length === 1);
	for (const line of lines) {
		const paragraph = new Y.XmlElement('paragraph');
		fragment.insert(fragment.length, [paragraph]);
		if (line) {
			const t = new Y.XmlText();
			paragraph.insert(0, [t]);
			t.insert(0, line);
		}
	}
}

function nextPosition(siblings: Y.Map<unknown>[]): number {
	let max = 0;
	// A client may have written anything where an entity belongs: skip what is not one.
	for (const s of siblings)
		if (s instanceof Y.Map) max = Math.max(max, numberOr(s.get('position'), 0));
	return max + 1;
}
