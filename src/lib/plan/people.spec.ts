import { describe, expect, it } from 'vitest';
import { peopleAfterMembersChanged } from './people';

describe('peopleAfterMembersChanged', () => {
	const before = [
		{ id: 'a', name: 'Ahn', isMember: true, sector: 'government' as const, organizationId: 'o1' },
		{ id: 'b', name: 'Baek', isMember: true, sector: null, organizationId: null },
		{ id: 'x', name: 'Former owner', isMember: false }
	];

	it('offers a member who joined, with their organization', () => {
		const after = peopleAfterMembersChanged(before, [
			{ userId: 'a', name: 'Ahn', organization: { id: 'o1', sector: 'government' } },
			{ userId: 'b', name: 'Baek', organization: null },
			{ userId: 'c', name: 'Choi', organization: { id: 'o2', sector: 'academia' } }
		]);
		expect(after.filter((p) => p.isMember).map((p) => p.id)).toEqual(['a', 'b', 'c']);
		expect(after.find((p) => p.id === 'c')).toEqual({
			id: 'c',
			name: 'Choi',
			isMember: true,
			sector: 'academia',
			organizationId: 'o2'
		});
	});

	it('keeps a member who left by name only, no longer offered', () => {
		const after = peopleAfterMembersChanged(before, [
			{ userId: 'a', name: 'Ahn', organization: { id: 'o1', sector: 'government' } }
		]);
		expect(after.filter((p) => p.isMember).map((p) => p.id)).toEqual(['a']);
		expect(after.find((p) => p.id === 'b')).toMatchObject({ name: 'Baek', isMember: false });
		expect(after.find((p) => p.id === 'x')).toMatchObject({ isMember: false });
	});

	it('takes a renamed member’s new name, and a former one who rejoined as a member', () => {
		const after = peopleAfterMembersChanged(before, [
			{ userId: 'a', name: 'Ahn Minji', organization: null },
			{ userId: 'x', name: 'Former owner', organization: null }
		]);
		expect(after.find((p) => p.id === 'a')).toMatchObject({ name: 'Ahn Minji', sector: null });
		expect(after.find((p) => p.id === 'x')).toMatchObject({ isMember: true });
	});
});
