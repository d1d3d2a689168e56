/** axe-core on the pages a first-time visitor meets, in both languages: any violation fails. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

for (const locale of ['ko-KR', 'en-US']) {
	test(`signed-out pages have no axe violations (${locale})`, async ({ browser }) => {
		const context = await browser.newContext({ locale });
		const page = await context.newPage();
		await page.goto('/');
		const demo = await page.locator('a[href^="/roadmaps/"]').first().getAttribute('href');
		for (const path of ['/', '/login', '/signup', demo!, `${demo}/report`]) {
			await page.goto(path);
			await expect(page.locator('h1, h2').first()).toBeVisible();
			const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
			expect(
				results.violations.map(
					(v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
				)
			).toEqual([]);
		}
		await context.close();
	});
}
