/**
 * The sentences of the notice a page shows when someone else deleted what it had open or was
 * editing (deleted-while-editing.ts): items deleted on their own first, then each task deleted
 * whole, named with what of it was open or edited here, as the activity log tells it (one
 * deletion of the task, not one per milestone).
 */
import { localized } from '../i18n/labels';
import { resolveParticles } from '../i18n/particles';
import { m } from '../paraglide/messages';
import type { Locale } from '../roadmap/vocabulary';
import type { LostEdit } from './deleted-while-editing';

export function lostNoticeLines(lost: readonly LostEdit[], locale: Locale): string[] {
	const quote = (title: LostEdit['title']) =>
		`‘${localized(locale, title.ko, title.en) || m.untitled({}, { locale })}’`;
	const titles = (items: readonly LostEdit[]) => items.map((l) => quote(l.title)).join(', ');
	const wholeTasks = new Map<string, { title: LostEdit['title']; items: LostEdit[] }>();
	for (const l of lost) {
		if (!l.task) continue;
		const group = wholeTasks.get(l.task.id) ?? { title: l.task.title, items: [] };
		group.items.push(l);
		wholeTasks.set(l.task.id, group);
	}
	// The task itself (its title was being typed in, say) is told in its group's sentence.
	const alone = lost.filter((l) => !l.task && !(l.kind === 'task' && wholeTasks.has(l.id)));
	const lines: string[] = [];
	// Edits this page had not got saved went with it; saved ones are in the deletion's copy.
	const unsaved = alone.filter((l) => l.edited && l.unsaved);
	const saved = alone.filter((l) => l.edited && !l.unsaved);
	const open = alone.filter((l) => !l.edited);
	if (unsaved.length)
		lines.push(resolveParticles(m.lost_edits({ titles: titles(unsaved) }, { locale })));
	if (saved.length)
		lines.push(resolveParticles(m.lost_edits_saved({ titles: titles(saved) }, { locale })));
	if (open.length) lines.push(m.deleted_while_open({ titles: titles(open) }, { locale }));
	for (const [id, { title, items }] of wholeTasks) {
		const withTask = [...items, ...lost.filter((l) => l.kind === 'task' && l.id === id)];
		const say = withTask.some((l) => l.edited && l.unsaved)
			? m.lost_edits_with_task
			: withTask.some((l) => l.edited)
				? m.lost_edits_saved_with_task
				: m.deleted_with_task_while_open;
		lines.push(resolveParticles(say({ task: quote(title), titles: titles(items) }, { locale })));
	}
	return lines;
}
