import { describe, expect, it } from 'vitest';
import { listedBalances, sectorBalance } from './balance';
import { filterPlan, NO_FILTER } from './filter';
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
		const roles = (lead: number, support: number, consulted: number, informed = 0) => ({
			lead,
			support,
			consulted,
			informed
		});
		expect(balance.sectors).toEqual({
			government: { role: 'lead', count: 1, byRole: roles(1, 0, 0) },
			// ChipCo informed on the task and support on m1 counts once, as support.
			industry: { role: 'lead', count: 3, byRole: roles(1, 2, 0) },
			academia: { role: 'consulted', count: 1, byRole: roles(0, 0, 1) },
			other: { role: null, count: 0, byRole: roles(0, 0, 0) }
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
		expect(balances[2].sectors.other).toMatchObject({ role: null, count: 0 });
		// Led, though no sector column can show by whom: the view says so.
		expect(balances.map((b) => b.leadWithoutSector)).toEqual([false, false, true]);
	});
});

describe('listedBalances', () => {
	it('lists the tasks a filter shows, each judged on all of its owners', () => {
		const whole = plan(
			[
				task('t1', { owners: [org('moti'), org('chipco', 'support')] }),
				task('t2', { owners: [org('chipco')] })
			],
			[milestone('m1', 't1', { owners: [org('kaist', 'support')] })]
		);
		const shown = filterPlan(
			whole,
			{ ...NO_FILTER, sector: 'government' },
			{ today: '2026-12-06', orgSectors, personOrgs: new Map() }
		);
		// The filter hides the academic partner's milestone, and t2 altogether.
		expect(shown.milestones).toEqual([]);
		expect(shown.tasks.map((t) => t.id)).toEqual(['t1']);
		const [t1] = listedBalances(whole, shown, orgSectors);
		expect(listedBalances(whole, shown, orgSectors)).toHaveLength(1);
		expect(t1.missing).toEqual([]);
		expect(sectorBalance(shown, orgSectors)[0].missing).toEqual(['academia']);
	});
});
