/**
 * How a saved report is named in the compare pickers: when it was saved and by whom. Two saved in
 * the same minute by the same person read alike, so each of those is numbered in the order they
 * were saved ("(1)", "(2)"): otherwise the pickers offered two identical choices.
 */
import type { SnapshotSummary } from '../server/reports/snapshots';
import type { Locale } from '../roadmap/vocabulary';
import { readerDateTime, reportText } from './text';

export function snapshotLabels(
	snapshots: Pick<SnapshotSummary, 'id' | 'createdAt' | 'createdBy'>[],
	locale: Locale
): Map<string, string> {
	const someone = reportText(locale).someone;
	const plain = snapshots.map(
		(s) => `${readerDateTime(s.createdAt, locale)} · ${s.createdBy?.name ?? someone}`
	);
	const count = new Map<string, number>();
	for (const label of plain) count.set(label, (count.get(label) ?? 0) + 1);
	// The list is newest first: the oldest of a run of alike labels is (1).
	const seen = new Map<string, number>();
	const labels = new Map<string, string>();
	for (let i = snapshots.length - 1; i >= 0; i--) {
		const label = plain[i];
		const total = count.get(label)!;
		const nth = (seen.get(label) ?? 0) + 1;
		seen.set(label, nth);
		labels.set(snapshots[i].id, total > 1 ? `${label} (${nth})` : label);
	}
	return labels;
}
