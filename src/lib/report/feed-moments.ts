/**
 * One person's one save can be dozens of changes: a roadmap made from the five-task template
 * writes every task, milestone and overview at once, and a paste can do the same. Listed one by
 * one they bury everything else in the activity feed; here a run of entries from one moment
 * keeps its first few in sight and folds the rest away behind a count.
 */
export interface MomentRun<T> {
	shown: T[];
	folded: T[];
}

/**
 * Splits `entries` (in feed order) into runs of consecutive entries with the same `moment` (the
 * same time and the same person). A run of at least `least` shows its first `keep` and folds the
 * rest; shorter runs show everything.
 */
export function foldMoments<T extends { moment: string }>(
	entries: readonly T[],
	{ keep = 3, least = 6 }: { keep?: number; least?: number } = {}
): MomentRun<T>[] {
	const runs: T[][] = [];
	for (const entry of entries) {
		const last = runs[runs.length - 1];
		if (last && last[0].moment === entry.moment) last.push(entry);
		else runs.push([entry]);
	}
	return runs.map((run) =>
		run.length >= least
			? { shown: run.slice(0, keep), folded: run.slice(keep) }
			: { shown: run, folded: [] }
	);
}
