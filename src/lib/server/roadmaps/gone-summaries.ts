/**
 * The rich summaries of the tasks a log row deletes, read from the doc just before the row is
 * applied. Once it is, the doc no longer holds them, and the projection only ever kept their
 * text: this is how a deleted task's copy (projection.ts) keeps its bold, lists and links.
 * Costs nothing for a row that deletes no task: most rows delete only characters.
 */
import * as Y from 'yjs';
import { tasksMap } from '../../roadmap/doc';
import { richSummaryOf, type RichNode } from '../../roadmap/rich-summary';
import type { DecodedRow } from './additions';

export type GoneSummaries = Map<string, { ko: RichNode[]; en: RichNode[] }>;

export function summariesDeletedBy(doc: Y.Doc, decoded: DecodedRow): GoneSummaries | null {
	if (!decoded?.ds.clients.size) return null;
	let found: GoneSummaries | null = null;
	for (const [id, task] of tasksMap(doc).entries()) {
		if (!(task instanceof Y.Map) || !task._item || !Y.isDeleted(decoded.ds, task._item.id))
			continue;
		const summary = (key: string) => {
			const fragment = task.get(key);
			return fragment instanceof Y.XmlFragment ? richSummaryOf(fragment) : [];
		};
		found ??= new Map();
		found.set(id, { ko: summary('summaryKo'), en: summary('summaryEn') });
	}
	return found;
}
