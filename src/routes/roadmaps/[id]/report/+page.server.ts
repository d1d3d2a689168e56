import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can } from '$lib/server/auth/authorization';
import { db } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { requireRoadmap } from '$lib/server/http/guards';
import {
	buildReport,
	DEFAULT_PERIOD_DAYS,
	parseReportQuery,
	reportViewer
} from '$lib/server/reports/build';
import { addDays } from '$lib/report/dates';
import { readerDay } from '$lib/report/text';
import { listSnapshots, saveSnapshot } from '$lib/server/reports/snapshots';
import { formField } from '$lib/server/schemas';
import { datePattern, formatDateEntry, LAST_YEAR, parseDateEntry } from '$lib/i18n/date-entry';
import { dateStyle, type DateOrder } from '$lib/i18n/date-order';
import { resolveParticles } from '$lib/i18n/particles';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/roadmap/vocabulary';

/** The `since` of the page's URL or form, checked; a bad one is a sentence, not a crash. */
function periodStart(url: URL, locale: 'ko' | 'en') {
	try {
		return { since: parseReportQuery(url, locale).since };
	} catch (e) {
		if (e instanceof DomainError) return { error: e.message };
		throw e;
	}
}

/**
 * The page's "since", typed as the page's date fields take it (2026.03.02; 02/03/2026 or
 * 03/02/2026 in English, by the reader's order; or ISO). A date that cannot be read, or one in
 * the future, is said in the reader's language beside the field, which keeps what was typed;
 * the report shows its usual period meanwhile.
 */
function typedPeriodStart(url: URL, locale: Locale, englishOrder: DateOrder) {
	const style = dateStyle(locale, englishOrder);
	const query = new URL(url);
	query.searchParams.delete('lang'); // the page speaks the reader's language
	const text = query.searchParams.get('since')?.trim() ?? '';
	if (!text) return { since: undefined, problem: null };
	const typed = parseDateEntry(style, text);
	// A year past the editor's range (2999) is still a day, and a future one: periodStart says so.
	const day = typed.ok
		? typed.value
		: typed.reason === 'range' && typed.value > `${LAST_YEAR}`
			? typed.value
			: null;
	if (day) {
		query.searchParams.set('since', day);
		const period = periodStart(query, locale);
		if (period.error === undefined) return { since: period.since, day, problem: null };
		return {
			since: undefined,
			problem: { text, message: resolveParticles(m.report_since_future({ text }, { locale })) }
		};
	}
	const pattern = datePattern(style);
	const example = formatDateEntry(style, '2026-03-31');
	// 31/02/2026 is written right; the calendar has no such day: not a matter of format.
	const message =
		!typed.ok && typed.reason === 'no-such-day'
			? m.report_since_no_such_day({ text }, { locale })
			: m.report_since_invalid({ pattern, example, text }, { locale });
	return { since: undefined, problem: { text, message: resolveParticles(message) } };
}

export const load: PageServerLoad = async ({ params, parent, url, locals }) => {
	const { access, roadmap } = await parent(); // the layout has authorized reading
	const period = typedPeriodStart(url, locals.locale, locals.englishDateOrder);
	// The address says the day in ISO, whatever order it was typed in: 03/02/2026 is 2 March to
	// the American who typed it and 3 February to a British reader of the same link.
	if (period.day && url.searchParams.get('since') !== period.day) {
		const unambiguous = new URL(url);
		unambiguous.searchParams.set('since', period.day);
		redirect(303, unambiguous.pathname + unambiguous.search);
	}
	const [report, snapshots] = await Promise.all([
		buildReport(db(), params.id, {
			since: period.since,
			viewer: await reportViewer(db(), locals.user?.id)
		}),
		listSnapshots(db(), params.id)
	]);
	const from = readerDay(report.period.since, locals.locale);
	const locale = locals.locale;
	// The period starts no earlier than the roadmap (periodStartFor): a start typed before it, or
	// the default 90 days of a younger roadmap, is moved to the day it was made, and said so.
	const usualStart = snapshots.length
		? null // the last saved report's day, never before the roadmap
		: addDays(report.period.until, -DEFAULT_PERIOD_DAYS);
	const asked = period.since ?? usualStart;
	const note =
		asked !== null && asked < report.period.since
			? m.report_period_from_creation({ date: from }, { locale })
			: period.since !== undefined || period.problem
				? null
				: snapshots.length
					? m.report_period_from_saved({ date: from }, { locale })
					: m.report_period_default({ date: from, days: DEFAULT_PERIOD_DAYS }, { locale });
	return {
		report,
		snapshots,
		sinceProblem: period.problem,
		// Why the period starts where it does, when the reader did not choose that day.
		periodNote: note,
		// A saved report is a record kept in the roadmap's name: its owners and editors keep it.
		canSave: can(access, 'edit') && !roadmap.archived
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { roadmap } = await requireRoadmap(event, event.params.id, 'edit');
		const form = await event.request.formData();
		const query = new URL(event.url);
		query.search = '';
		const raw = formField(form, 'since');
		if (raw) query.searchParams.set('since', raw);
		const period = periodStart(query, event.locals.locale);
		if (period.error !== undefined) return { form: 'save', error: period.error };
		const userId = event.locals.user?.id ?? null;
		const report = await buildReport(db(), roadmap.id, {
			since: period.since,
			viewer: await reportViewer(db(), userId)
		});
		const saved = await saveSnapshot(db(), roadmap.id, userId, report, event.locals.locale);
		return { form: 'save', saved: true, snapshotId: saved.id };
	}
};
