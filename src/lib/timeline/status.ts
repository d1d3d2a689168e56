import type { MilestoneStatus } from '$lib/roadmap/vocabulary';

/** A glyph per status, so the timeline's legend and rows do not rely on colour alone. */
export const STATUS_GLYPH: Record<MilestoneStatus, string> = {
	planned: '○',
	in_progress: '◐',
	at_risk: '△',
	blocked: '✕',
	done: '✓',
	cancelled: '–'
};
