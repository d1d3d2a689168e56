import { describe, expect, it } from 'vitest';
import { milestoneHref, viewSearch } from './milestone-link';

describe('a link to one milestone in the outline', () => {
	it('keeps the view’s filter, so the milestone is among those shown', () => {
		const href = milestoneHref(
			'/roadmaps/r1',
			new URLSearchParams('sector=industry&status=at_risk'),
			'm9'
		);
		const url = new URL(href, 'http://x');
		expect(url.pathname).toBe('/roadmaps/r1');
		expect(url.searchParams.get('sector')).toBe('industry');
		expect(url.searchParams.get('status')).toBe('at_risk');
		expect(url.searchParams.get('milestone')).toBe('m9');
	});

	it('names one milestone, not the one linked before, nor a comment', () => {
		const href = milestoneHref(
			'/roadmaps/r1',
			new URLSearchParams('milestone=m1&comment=c1'),
			'm2'
		);
		const url = new URL(href, 'http://x');
		expect(url.searchParams.getAll('milestone')).toEqual(['m2']);
		expect(url.searchParams.has('comment')).toBe(false);
	});
});

describe('switching views', () => {
	it('carries the filter, not a link to one milestone or comment', () => {
		expect(viewSearch('?sector=industry&milestone=m1&comment=c1&zoom=year')).toBe(
			'?sector=industry&zoom=year'
		);
		expect(viewSearch('?milestone=m1')).toBe('');
		expect(viewSearch('')).toBe('');
	});

	it('keeps the timeline’s zoom for the timeline only', () => {
		const search = '?sector=industry&zoom=year';
		expect(viewSearch(search, 'timeline')).toBe('?sector=industry&zoom=year');
		for (const view of ['outline', 'board', 'balance'])
			expect(viewSearch(search, view)).toBe('?sector=industry');
	});
});
