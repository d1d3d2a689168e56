/**
 * The five core tasks of the "Korean AI strategy" from a policy commentary of 1 February 2025 on
 * the DeepSeek shock (shared/seed/000_a49dd98fbd0e6940.txt, summarised in five-tasks.md).
 * Titles keep the source's Korean wording. The points under each task become starter milestones
 * with no dates and no figures: the source gives none, and a roadmap must not invent them.
 * The overview states the source's context without its verdicts on named institutions (it called
 * the National AI Committee ineffective): a ministry starting its own plan from this template
 * should not find that in its document.
 */
import type { RoadmapTemplate } from './types';

export const fiveTasks: RoadmapTemplate = {
	key: 'five-tasks',
	name: { ko: '한국형 AI 전략 5대 과제', en: 'Korean AI strategy: five core tasks' },
	overview: {
		ko:
			'중국 딥시크(DeepSeek)가 저가형 반도체로 고성능 추론 모델 R1을 개발하면서(개발 비용은 메타 최신 모델의 약 1/10 수준) AI 시장의 판도가 바뀌고 있습니다. ' +
			'미국은 스타게이트 프로젝트로 최대 720조 원 규모의 AI 인프라 투자를 계획하고, 중국은 자국 기업을 앞세우며, EU는 AI 생태계 육성 로드맵을 발표했습니다. ' +
			'글로벌 AI 100대 기업에 아직 한국 기업은 없고, 국가 AI 거버넌스와 전력망 확충의 법·제도 기반도 보완이 필요합니다. ' +
			'한국의 강점은 메모리 반도체입니다. 기술 혁신과 민관 협력, 딥시크 주장에 대한 검증, 장기적인 시장 모니터링이 필요합니다. 지금이 골든타임입니다.',
		en:
			'DeepSeek, a Chinese lab, built the frontier-class reasoning model R1 on cheaper chips at about a tenth of a peer’s cost, and the AI market is shifting. ' +
			'The US plans up to about 720 trillion won of AI infrastructure through the Stargate project, China is pushing national champions, and the EU has announced an AI ecosystem roadmap. ' +
			'No Korean firm is yet in the global AI top 100, and national AI governance and the legal basis for power-grid expansion still need strengthening. ' +
			'Korea’s strength is memory semiconductors. What is needed: technology innovation with public–private cooperation, verification of the claims, and long-term market monitoring. Now is the golden time.'
	},
	tasks: [
		{
			title: {
				ko: '차세대 메모리 반도체 기술 개발',
				en: 'Next-generation memory semiconductor technology'
			},
			summary: {
				ko: '딥시크의 저가형 반도체 활용 전략에 대응하여 고성능·저전력 차세대 메모리 반도체 기술 개발에 집중 투자합니다. DRAM, NAND Flash를 넘어 PIM, NVM 등 새로운 메모리 기술 경쟁력을 확보합니다.',
				en: 'Answer DeepSeek’s strategy of building on cheap chips by investing in high-performance, low-power next-generation memory. Build competitiveness beyond DRAM and NAND flash in new memory technologies such as PIM and NVM.'
			},
			suggestedSectors: ['industry', 'academia'],
			milestones: [
				{
					ko: '고성능·저전력 차세대 메모리 기술 개발 집중 투자',
					en: 'Focused investment in high-performance, low-power next-generation memory'
				},
				{
					ko: 'PIM(Processing-in-Memory) 기술 경쟁력 확보',
					en: 'Competitiveness in PIM (processing-in-memory)'
				},
				{
					ko: 'NVM(Non-Volatile Memory) 기술 경쟁력 확보',
					en: 'Competitiveness in NVM (non-volatile memory)'
				}
			]
		},
		{
			title: {
				ko: 'AI 알고리즘 및 소프트웨어 경쟁력 강화',
				en: 'AI algorithm and software competitiveness'
			},
			summary: {
				ko: '딥시크의 성공은 하드웨어뿐 아니라 알고리즘과 소프트웨어 혁신의 결과입니다. 국내 AI 연구개발 역량 강화를 위한 정부의 적극적인 지원과 인재 육성, 핵심 분야 투자 확대가 필요합니다.',
				en: 'DeepSeek’s success came from algorithms and software, not only hardware. Strengthen domestic AI R&D with active government support and talent development, and invest more in the core fields.'
			},
			suggestedSectors: ['government', 'academia'],
			milestones: [
				{
					ko: '국내 AI 연구개발 역량 강화를 위한 정부 지원',
					en: 'Government support for domestic AI R&D capacity'
				},
				{ ko: 'AI 인재 육성', en: 'AI talent development' },
				{
					ko: '딥러닝·머신러닝·자연어 처리 분야 투자 확대',
					en: 'More investment in deep learning, machine learning and natural-language processing'
				}
			]
		},
		{
			title: { ko: '역동적인 AI 산업 생태계 조성', en: 'A dynamic AI industry ecosystem' },
			summary: {
				ko: '대기업과 스타트업 간 협력, 산학연 협력 활성화, AI 특화 클러스터 구축 등을 통해 역동적인 AI 산업 생태계를 조성합니다.',
				en: 'Build a dynamic AI industry ecosystem through cooperation between large companies and start-ups, industry–academia–research collaboration and AI-specialised clusters.'
			},
			suggestedSectors: ['industry', 'academia'],
			milestones: [
				{ ko: '대기업–스타트업 협력', en: 'Cooperation between large companies and start-ups' },
				{ ko: '산학연 협력 활성화', en: 'Active industry–academia–research collaboration' },
				{ ko: 'AI 특화 클러스터 구축', en: 'AI-specialised clusters' },
				{ ko: '개방형 혁신 플랫폼 구축', en: 'An open innovation platform' },
				{ ko: '데이터 공유 및 활용 촉진', en: 'Data sharing and use' },
				{ ko: 'AI 전문 인력 양성', en: 'AI workforce training' }
			]
		},
		{
			title: { ko: 'AI 맞춤형 규제 및 정책 지원', en: 'AI-fit regulation and policy support' },
			summary: {
				ko: 'AI 기술 발전을 저해하는 불필요한 규제를 과감히 개선하고, AI 스타트업에 대한 투자 지원과 세제 혜택 등 정책적 지원을 확대합니다.',
				en: 'Remove regulation that needlessly holds AI back, and widen policy support such as investment and tax benefits for AI start-ups.'
			},
			suggestedSectors: ['government'],
			milestones: [
				{ ko: '불필요한 규제 개선', en: 'Remove needless regulation' },
				{
					ko: 'AI 스타트업 투자 지원 및 세제 혜택',
					en: 'Investment support and tax benefits for AI start-ups'
				},
				{ ko: '데이터 활용 규제 완화', en: 'Ease data-use rules' },
				{ ko: 'AI 윤리 가이드라인 마련', en: 'AI ethics guidelines' },
				{ ko: 'AI 전문 인력 양성을 위한 제도적 기반 마련', en: 'Institutional base for AI talent' }
			]
		},
		{
			title: { ko: '안정적인 전력 인프라 확충', en: 'Stable power infrastructure' },
			summary: {
				ko: 'AI 산업의 급격한 성장에 대비하여 안정적인 전력 공급을 위한 인프라 구축에 선제적으로 투자하고, 지속 가능한 AI 산업 발전의 기반을 마련합니다.',
				en: 'Invest ahead of the rapid growth of AI in infrastructure for a stable power supply, as the base for sustainable AI industry growth.'
			},
			suggestedSectors: ['government'],
			milestones: [
				{ ko: '신재생에너지 확대', en: 'Expand renewable energy' },
				{ ko: '스마트 그리드 구축', en: 'Build a smart grid' },
				{ ko: '에너지 효율 향상', en: 'Improve energy efficiency' }
			]
		}
	]
};
