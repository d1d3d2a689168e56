/** axe over part of a page, against the WCAG 2.2 AA rules; a violation fails with where it is. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectNoAxeViolations(page: Page, label: string, include: string) {
	const results = await new AxeBuilder({ page }).include(include).withTags(WCAG).analyze();
	expect(
		results.violations.map(
			(v) => `${label} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		)
	).toEqual([]);
}
