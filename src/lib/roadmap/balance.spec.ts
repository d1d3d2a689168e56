import { describe, expect, it } from 'vitest';
import { sectorBalance } from './balance';
import { milestone, org, plan, task, user } from './test-plan';
import type { Sector } from './vocabulary';

const orgSectors = new Map<string, Sector>([
	['moti', 'government'],
	['chipco', 'industry'],
	['fabco', 'industry'],
	['kaist', 'academia'],
	['u-park', 'industry']
]);

describe('sectorBalance', () => {
	it('counts task and milestone owners once each, in their strongest role, people through their organization', () => {
		const [balance] = sectorBalance(
			plan(
				[task('t1', { owners: [org('moti'), org('chipco', 'informed')] })],
				[
					milestone('m1', 't1', { owners: [org('chipco', 'support'), user('u-park', 'lead')] }),
					milestone('m2', 't1', { owners: [org('kaist', 'consulted'), org('fabco', 'support')] })
				]
			),
			orgSectors
		);
		expect(balance.sectors).toEqual({
			government: { role: 'lead', count: 1 },
			industry: { role: 'lead', count: 3 },
			academia: { role: 'consulted', count: 1 },
			other: { role: null, count: 0 }
		});
		expect(balance.hasLead).toBe(true);
		// Academia is only consulted: not a partner in the work.
		expect(balance.missing).toEqual(['academia']);
	});

	it('flags a task nobody leads and one nobody owns; a person without an organization counts for no sector', () => {
		const balances = sectorBalance(
			plan(
				[
					task('t1', { owners: [org('moti', 'support'), org('chipco', 'support')] }),
					task('t2'),
					task('t3', { owners: [user('u-lee')] })
				],
				[milestone('m1', 't1', { owners: [org('kaist', 'support')] })]
			),
			orgSectors
		);
		expect(balances.map((b) => [b.taskId, b.hasLead, b.missing])).toEqual([
			['t1', false, []],
			['t2', false, ['government', 'industry', 'academia']],
			['t3', true, ['government', 'industry', 'academia']]
		]);
		expect(balances[2].sectors.other).toEqual({ role: null, count: 0 });
		// Led, though no sector column can show by whom: the view says so.
		expect(balances.map((b) => b.leadWithoutSector)).toEqual([false, false, true]);
	});
});
