import type { Bilingual } from '../doc';
import type { Sector } from '../vocabulary';

export interface TemplateTask {
	title: Bilingual;
	summary: Bilingual;
	suggestedSectors: Sector[];
	/** Starter milestones: titles only, no dates. */
	milestones: Bilingual[];
}

export interface RoadmapTemplate {
	key: string;
	name: Bilingual;
	overview: Bilingual;
	tasks: TemplateTask[];
}
