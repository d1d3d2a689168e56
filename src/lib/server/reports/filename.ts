/**
 * Download names: the roadmap's title, what the file is and the report's period, e.g.
 * "한국형 AI 전략 보고서 2026-03-01~2026-03-15.pdf" ("… report 2026-03-01~2026-03-15.pdf" in
 * English); the CSV, the milestone list of that day, "한국형 AI 전략 이정표 2026-03-15.csv".
 * A title ending in a year ("AI 전략 2025") followed by a bare date read as "2025-2026-03-15",
 * and a folder of downloads did not say which file was a report of what period.
 * Sent as RFC 6266 `filename*=UTF-8''…` (Korean kept) with a plain-ASCII `filename` fallback for
 * clients that ignore the extended form.
 */
import type { ReportData, ReportFormat } from '../../report/model';
import { pick } from '../../report/text';
import type { Locale } from '../../roadmap/vocabulary';

const MAX_TITLE = 80;

/** The title made safe for every file system: no path separators, controls or reserved marks. */
function safeTitle(title: string): string {
	const cleaned = title
		.normalize('NFC')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^\.+/, '');
	return Array.from(cleaned).slice(0, MAX_TITLE).join('').trim();
}

/** RFC 5987 value: percent-encoded UTF-8, with the few marks encodeURIComponent leaves alone. */
const encodeExtended = (value: string) =>
	encodeURIComponent(value).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);

export interface ReportDownload {
	filename: string;
	/** The whole Content-Disposition header value. */
	disposition: string;
}

export function reportDownload(
	report: ReportData,
	format: ReportFormat,
	locale: Locale
): ReportDownload {
	const title = safeTitle(pick(report.roadmap.title, locale)) || 'Ieum';
	const { since, until } = report.period;
	// The CSV is the milestone list as it stands on the report's day, whatever the period.
	const period = since === until || format === 'csv' ? until : `${since}~${until}`;
	const what =
		format === 'csv' ? { ko: '이정표', en: 'milestones' } : { ko: '보고서', en: 'report' };
	const suffix = ` ${what[locale]} ${period}.${format}`;
	const asciiSuffix = ` ${what.en} ${period}.${format}`;
	const filename = title + suffix;
	const ascii = title
		.normalize('NFKD')
		.replace(/[^\x20-\x7e]/g, '')
		.replace(/["\\%;]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	const fallback =
		(/[A-Za-z0-9].*[A-Za-z0-9].*[A-Za-z0-9]/.test(ascii) ? ascii : 'Ieum') + asciiSuffix;
	return {
		filename,
		disposition: `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtended(filename)}`
	};
}
