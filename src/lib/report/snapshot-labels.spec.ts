import { describe, expect, it } from 'vitest';
import { snapshotLabels } from './snapshot-labels';

describe('saved reports in the compare pickers', () => {
	const kim = { id: 'u1', name: '김민지' };
	const lee = { id: 'u2', name: '이준호' };
	// Newest first, as the page lists them.
	const snapshots = [
		{ id: 'd', createdAt: '2026-12-07T18:55:40Z', createdBy: kim },
		{ id: 'c', createdAt: '2026-12-07T18:55:10Z', createdBy: kim },
		{ id: 'b', createdAt: '2026-12-07T18:55:05Z', createdBy: lee },
		{ id: 'a', createdAt: '2026-12-01T01:00:00Z', createdBy: null }
	];

	it('names each by when and by whom, numbering those saved in one minute by one person', () => {
		const ko = snapshotLabels(snapshots, 'ko');
		expect(ko.get('c')).toBe('2026년 12월 8일 03:55 (KST) · 김민지 (1)');
		expect(ko.get('d')).toBe('2026년 12월 8일 03:55 (KST) · 김민지 (2)');
		expect(ko.get('b')).toBe('2026년 12월 8일 03:55 (KST) · 이준호');
		expect(new Set(ko.values()).size).toBe(snapshots.length);
		const en = snapshotLabels(snapshots, 'en');
		expect(en.get('a')).toMatch(/^1 Dec 2026 10:00 \(KST\) · \S/);
		expect(new Set(en.values()).size).toBe(snapshots.length);
	});
});
