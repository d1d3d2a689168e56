/**
 * The demo content every new installation starts with: example organizations from each sector
 * and a public demo roadmap made from the five-task template, with example owners assigned.
 * Everything is marked as an example so nobody mistakes it for real commitments.
 */
import type { Sector } from '../../src/lib/roadmap/vocabulary';

export interface DemoOrganization {
	seedKey: string;
	name: string;
	nameEn: string;
	sector: Sector;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
	{
		seedKey: 'demo:gov-science',
		name: '과학기술 정책 부처',
		nameEn: 'Science and ICT ministry',
		sector: 'government'
	},
	{
		seedKey: 'demo:gov-energy',
		name: '에너지 정책 기관',
		nameEn: 'Energy policy agency',
		sector: 'government'
	},
	{
		seedKey: 'demo:ind-memory',
		name: '메모리 반도체 기업',
		nameEn: 'Memory chip maker',
		sector: 'industry'
	},
	{
		seedKey: 'demo:ind-startup',
		name: 'AI 스타트업',
		nameEn: 'AI start-up',
		sector: 'industry'
	},
	{
		seedKey: 'demo:aca-university',
		name: '대학 AI 연구소',
		nameEn: 'University AI lab',
		sector: 'academia'
	},
	{
		seedKey: 'demo:aca-institute',
		name: '정부출연연구기관',
		nameEn: 'Public research institute',
		sector: 'academia'
	}
];

export const DEMO_ROADMAP = {
	seedKey: 'demo:five-tasks',
	title: '한국형 AI 전략 5대 과제 (데모)',
	titleEn: 'Korean AI strategy: five core tasks (demo)'
};

/** Example owners per task of the five-task template, by organization seed key. */
export const DEMO_OWNERS: { lead: string; support: string[] }[] = [
	{ lead: 'demo:ind-memory', support: ['demo:aca-university'] },
	{ lead: 'demo:gov-science', support: ['demo:aca-institute'] },
	{ lead: 'demo:ind-startup', support: ['demo:ind-memory', 'demo:aca-university'] },
	{ lead: 'demo:gov-science', support: [] },
	{ lead: 'demo:gov-energy', support: [] }
];
