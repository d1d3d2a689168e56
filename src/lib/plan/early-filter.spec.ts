import { describe, expect, it } from 'vitest';
import { withChoices } from './early-filter';

describe('filter choices made before the page ran', () => {
	it('set their criteria over the current query and keep the rest (the zoom)', () => {
		const query = withChoices(
			'?zoom=quarter&sector=industry',
			new Map([
				['sector', 'government'],
				['due', 'overdue']
			])
		);
		expect(query.toString()).toBe('zoom=quarter&sector=government&due=overdue');
	});

	it('clear a criterion when "all" was chosen', () => {
		expect(withChoices('?sector=industry&status=done', new Map([['sector', '']])).toString()).toBe(
			'status=done'
		);
	});
});
