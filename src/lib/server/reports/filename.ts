/**
 * Download names: the roadmap's title and the report's date, e.g. "한국형 AI 전략-2026-03-15.pdf".
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
	const title = safeTitle(pick(report.roadmap.title, locale)) || 'ieum-report';
	const suffix = `-${report.period.until}.${format}`;
	const filename = title + suffix;
	const ascii = title
		.normalize('NFKD')
		.replace(/[^\x20-\x7e]/g, '')
		.replace(/["\\%;]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	const fallback =
		(/[A-Za-z0-9].*[A-Za-z0-9].*[A-Za-z0-9]/.test(ascii) ? ascii : 'ieum-report') + suffix;
	return {
		filename,
		disposition: `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtended(filename)}`
	};
}
