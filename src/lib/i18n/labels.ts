/** Display labels for the closed vocabularies, in the current language. */
import { m } from '$lib/paraglide/messages';
import type {
	Locale,
	MilestoneStatus,
	OwnerRole,
	RoadmapRole,
	Sector,
	TaskStatus
} from '$lib/roadmap/vocabulary';

/** A message of no inputs, in the page's language or in `options.locale`. */
type Label = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const taskStatus: Record<TaskStatus, Label> = {
	planned: m.status_planned,
	in_progress: m.status_in_progress,
	at_risk: m.status_at_risk,
	delayed: m.status_delayed,
	done: m.status_done,
	on_hold: m.status_on_hold
};

const milestoneStatus: Record<MilestoneStatus, Label> = {
	planned: m.milestone_status_planned,
	in_progress: m.milestone_status_in_progress,
	at_risk: m.milestone_status_at_risk,
	blocked: m.milestone_status_blocked,
	done: m.milestone_status_done,
	cancelled: m.milestone_status_cancelled
};

const sector: Record<Sector, () => string> = {
	government: m.sector_government,
	industry: m.sector_industry,
	academia: m.sector_academia,
	other: m.sector_other
};

const roadmapRole: Record<RoadmapRole | 'public', () => string> = {
	owner: m.role_owner,
	editor: m.role_editor,
	commenter: m.role_commenter,
	viewer: m.role_viewer,
	public: m.role_public
};

const roleHelp: Record<RoadmapRole, () => string> = {
	owner: m.role_help_owner,
	editor: m.role_help_editor,
	commenter: m.role_help_commenter,
	viewer: m.role_help_viewer
};

const ownerRole: Record<OwnerRole, () => string> = {
	lead: m.owner_lead,
	support: m.owner_support,
	consulted: m.owner_consulted,
	informed: m.owner_informed
};

export const taskStatusLabel = (value: TaskStatus, locale?: Locale) =>
	taskStatus[value]({}, locale ? { locale } : {});
export const milestoneStatusLabel = (value: MilestoneStatus, locale?: Locale) =>
	milestoneStatus[value]({}, locale ? { locale } : {});
export const sectorLabel = (value: Sector) => sector[value]();
export const roleLabel = (value: RoadmapRole | 'public') => roadmapRole[value]();
export const roleHelpLabel = (value: RoadmapRole) => roleHelp[value]();
export const ownerRoleLabel = (value: OwnerRole) => ownerRole[value]();

/** Picks the text in the reader's language, falling back to the other one when it is empty. */
export function localized(locale: string, ko: string, en: string | null | undefined): string {
	if (locale === 'en') return en?.trim() ? en : ko;
	return ko.trim() ? ko : (en ?? '');
}

const intlLocale = (locale: string) => (locale === 'ko' ? 'ko-KR' : 'en-GB');

// Making an Intl formatter costs far more than using one (toLocaleDateString makes one per
// call): a plan with 10,000 dated milestones spent seconds here. One per locale, style and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(
	locale: string,
	style: 'date' | 'time' | 'zone',
	timeZone?: string
): Intl.DateTimeFormat {
	const key = `${locale}:${style}:${timeZone ?? ''}`;
	let made = formatters.get(key);
	if (!made) {
		const options: Intl.DateTimeFormatOptions =
			style === 'date'
				? { year: 'numeric', month: 'short', day: 'numeric' }
				: style === 'time'
					? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
					: { timeZoneName: 'short' };
		made = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone });
		formatters.set(key, made);
	}
	return made;
}

/**
 * The short name of the zone a moment is shown in: "KST" for Korea's (as the reports write it),
 * else what Intl calls it ("CET", "GMT+1"). `timeZone` undefined is the reader's own.
 */
export function zoneLabel(locale: string, at: Date, timeZone?: string): string {
	const zone = timeZone ?? formatter(locale, 'zone').resolvedOptions().timeZone;
	if (zone === 'Asia/Seoul') return 'KST';
	const part = formatter(locale, 'zone', zone)
		.formatToParts(at)
		.find((p) => p.type === 'timeZoneName');
	return part?.value ?? zone;
}

/** A date (or timestamp) as the reader writes dates. */
/** A count as the page's language writes it: 10,000, not 10000 (both languages group by three). */
export const formatCount = (count: number): string => count.toLocaleString('en-US');

export function formatDate(locale: string, value: Date | string | null | undefined): string {
	if (!value) return '';
	const date =
		typeof value === 'string' && value.length === 10
			? new Date(`${value}T00:00:00`)
			: new Date(value);
	return formatter(locale, 'date').format(date);
}

/**
 * A moment (date and time of day) with its zone named, written as the reports write one:
 * "2026년 3월 2일 14:05 (KST)", "2 Mar 2026 14:05 (KST)". `timeZone` undefined is the reader's own.
 */
export function formatDateTime(locale: string, value: Date | string, timeZone?: string): string {
	const at = new Date(value);
	const day = formatter(locale, 'date', timeZone).format(at);
	return `${day} ${formatter(locale, 'time', timeZone).format(at)} (${zoneLabel(locale, at, timeZone)})`;
}
