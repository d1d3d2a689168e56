import { describe, expect, it } from 'vitest';
import { orgLabels } from './org-labels';
import type { OrgOption } from './types';

const org = (id: string, name: string, nameEn: string | null, sector: OrgOption['sector']) => ({
	id,
	name,
	nameEn,
	sector,
	isExample: false
});
const sectorName = (sector: string) => `[${sector}]`;

describe('orgLabels', () => {
	const msit = org('a', 'Ministry of Science and ICT', null, 'government');
	const msitKo = org('b', '과학기술정보통신부', 'Ministry of Science and ICT', 'government');
	const kaist = org('c', 'KAIST', null, 'academia');

	it('names each by its name in the reader’s language when that is enough', () => {
		expect([...orgLabels([msitKo, kaist], 'en', sectorName).values()]).toEqual([
			'Ministry of Science and ICT',
			'KAIST'
		]);
		expect(orgLabels([msit, msitKo], 'ko', sectorName).get('b')).toBe('과학기술정보통신부');
	});

	it('tells apart two that read the same, by the other name or else the sector', () => {
		const labels = orgLabels([msit, msitKo, kaist], 'en', sectorName);
		expect(labels.get('a')).toBe('Ministry of Science and ICT ([government])');
		expect(labels.get('b')).toBe('Ministry of Science and ICT (과학기술정보통신부)');
		expect(labels.get('c')).toBe('KAIST');
	});
});
