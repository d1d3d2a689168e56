/** Templates a new roadmap can start from, and the one function that writes one into a doc. */
import type * as Y from 'yjs';
import { addMilestone, addTask, overviewText } from '../doc';
import { fiveTasks } from './five-tasks';
import type { RoadmapTemplate } from './types';

export type { RoadmapTemplate, TemplateTask } from './types';

const blank: RoadmapTemplate = {
	key: 'blank',
	name: { ko: '빈 로드맵', en: 'Blank roadmap' },
	overview: { ko: '', en: '' },
	tasks: []
};

export const TEMPLATES = { 'five-tasks': fiveTasks, blank } as const;
export type TemplateKey = keyof typeof TEMPLATES;

export const isTemplateKey = (value: unknown): value is TemplateKey =>
	typeof value === 'string' && Object.hasOwn(TEMPLATES, value);

/** Writes the template's overview, tasks and milestones into `doc` in one transaction. */
export function applyTemplate(doc: Y.Doc, template: RoadmapTemplate): string[] {
	const taskIds: string[] = [];
	doc.transact(() => {
		// Both overview texts exist from the start, so editors never have to create one.
		for (const locale of ['ko', 'en'] as const) {
			const text = overviewText(doc, locale);
			if (template.overview[locale]) text.insert(0, template.overview[locale]);
		}
		template.tasks.forEach((task, index) => {
			const taskId = addTask(doc, {
				title: task.title,
				summary: task.summary,
				position: index + 1,
				suggestedSectors: task.suggestedSectors
			});
			taskIds.push(taskId);
			task.milestones.forEach((title, i) => addMilestone(doc, { taskId, title, position: i + 1 }));
		});
	});
	return taskIds;
}
