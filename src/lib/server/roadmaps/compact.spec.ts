import { describe, expect, it } from 'vitest';
import { commitsBeforeCompaction, MAX_COMMITS_BEFORE_COMPACTION } from './compact';

describe('how many commits a room waits for before compacting its log', () => {
	it('is the minimum for a roadmap of ordinary size', () => {
		expect(commitsBeforeCompaction(200, 0)).toBe(200);
		expect(commitsBeforeCompaction(200, 40 * 1024)).toBe(200); // five tasks, fully written
		expect(commitsBeforeCompaction(3, 10 * 1024)).toBe(5);
	});

	it('grows with the snapshot each compaction rewrites, up to a thousand', () => {
		expect(commitsBeforeCompaction(200, 1024 * 1024)).toBe(512);
		// 5 × 2,000 milestones: 3.4 MB.
		expect(commitsBeforeCompaction(200, 3_400_000)).toBe(MAX_COMMITS_BEFORE_COMPACTION);
		expect(MAX_COMMITS_BEFORE_COMPACTION).toBe(1_000);
	});

	it('never goes below the minimum asked for', () => {
		expect(commitsBeforeCompaction(2_000, 3_400_000)).toBe(2_000);
	});
});
