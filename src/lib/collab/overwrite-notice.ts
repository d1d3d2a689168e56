/**
 * The sentences of the notice a page shows when a field it set was set by someone else at the
 * same time and theirs was kept (overwritten-while-editing.ts): who, which field of which item,
 * and both values, in the page's language.
 */
import { formatDate, localized, milestoneStatusLabel, taskStatusLabel } from '../i18n/labels';
import { resolveParticles } from '../i18n/particles';
import { m } from '../paraglide/messages';
import { isOneOf, MILESTONE_STATUSES, TASK_STATUSES, type Locale } from '../roadmap/vocabulary';
import type { Overwrite, WatchedField } from './overwritten-while-editing';

const FIELD: Record<WatchedField, (locale: Locale) => string> = {
	status: (locale) => m.overwrite_field_status({}, { locale }),
	startDate: (locale) => m.overwrite_field_startDate({}, { locale }),
	dueDate: (locale) => m.overwrite_field_dueDate({}, { locale }),
	progress: (locale) => m.overwrite_field_progress({}, { locale })
};

/** A field's value as the page shows it. */
export function overwriteValue(o: Overwrite, value: unknown, locale: Locale): string {
	if (o.field === 'status') {
		if (o.kind === 'milestone' && isOneOf(MILESTONE_STATUSES, value))
			return milestoneStatusLabel(value, locale);
		if (o.kind === 'task' && isOneOf(TASK_STATUSES, value)) return taskStatusLabel(value, locale);
		return String(value ?? '');
	}
	if (o.field === 'progress') return typeof value === 'number' ? `${value}%` : '—';
	return typeof value === 'string' && value
		? formatDate(locale, value)
		: m.milestone_no_date({}, { locale });
}

export function overwriteNoticeLines(
	overwrites: readonly (Overwrite & { by: string | null })[],
	locale: Locale
): string[] {
	return overwrites.map((o) => {
		const inputs = {
			title: `‘${localized(locale, o.title.ko, o.title.en) || m.untitled({}, { locale })}’`,
			field: FIELD[o.field](locale),
			theirs: overwriteValue(o, o.theirs, locale),
			mine: overwriteValue(o, o.mine, locale)
		};
		return resolveParticles(
			o.by
				? m.overwritten_by({ ...inputs, name: o.by }, { locale })
				: m.overwritten_by_someone(inputs, { locale })
		);
	});
}
