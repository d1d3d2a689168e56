/**
 * Whether the two languages of a text are in step. Each language records when it was last
 * edited, and the text records when both were last known to agree (`inStep`):
 *
 * - a language is *missing* when it is empty while the other is not;
 * - it is *stale* when the other language was edited after it, and after the two last agreed;
 * - editing the language that was behind is translating it: from then on they agree again.
 *   Editing the language that was not behind is a change, and makes the other one stale.
 *
 * Texts from before edit tracking (no times) count as in step. Pure: unit-tested below.
 */
import type { Bilingual, EditedAt, MilestoneData, RoadmapData, TaskData } from './doc';
import type { Locale } from './vocabulary';

export type TranslationState = 'ok' | 'missing' | 'stale';

/** A translator who keeps typing is still translating: stamps this close together continue it. */
const CONTINUATION_MS = 60_000;

const otherOf = (locale: Locale): Locale => (locale === 'ko' ? 'en' : 'ko');

function isBehind(edited: EditedAt, locale: Locale): boolean {
	const mine = edited[locale] ?? 0;
	const theirs = edited[otherOf(locale)] ?? 0;
	return mine < theirs && theirs > (edited.inStep ?? 0);
}

export function translationState(
	value: Bilingual,
	edited: EditedAt,
	locale: Locale
): TranslationState {
	if (!value[otherOf(locale)].trim()) return 'ok';
	if (!value[locale].trim()) return 'missing';
	return isBehind(edited, locale) ? 'stale' : 'ok';
}

/** Does an edit of `locale` at `at` bring the two languages back in step? */
export function editCountsAsTranslation(edited: EditedAt, locale: Locale, at: number): boolean {
	if (isBehind(edited, locale)) return true;
	// Still typing the translation that brought them in step.
	const mine = edited[locale];
	return mine !== null && mine === edited.inStep && at - mine < CONTINUATION_MS;
}

/** True when either language of the text needs translation. */
export const needsTranslation = (value: Bilingual, edited: EditedAt) =>
	translationState(value, edited, 'ko') !== 'ok' || translationState(value, edited, 'en') !== 'ok';

/*
 * What "needs translation" means for the plan, in one place (the status bar's switch, the
 * `translation=needed` filter, its counts): a text one of whose languages is missing or stale (see
 * translationState), among the texts whose languages are tracked and badged: a task's title and
 * summary, a milestone's title. A milestone's description is not tracked, so it does not count.
 */

/** The task's own title or summary needs translation (not its milestones'). */
export const taskNeedsTranslation = (t: Pick<TaskData, 'title' | 'summary' | 'edited'>) =>
	needsTranslation(t.title, t.edited.title) || needsTranslation(t.summary, t.edited.summary);

/** The milestone's title needs translation. */
export const milestoneNeedsTranslation = (ms: Pick<MilestoneData, 'title' | 'edited'>) =>
	needsTranslation(ms.title, ms.edited.title);

/** How many tasks (by their own texts) and milestones of `data` need translation. */
export function untranslatedCounts(data: Pick<RoadmapData, 'tasks' | 'milestones'>): {
	tasks: number;
	milestones: number;
} {
	return {
		tasks: data.tasks.filter(taskNeedsTranslation).length,
		milestones: data.milestones.filter(milestoneNeedsTranslation).length
	};
}
