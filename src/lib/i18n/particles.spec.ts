import { describe, expect, it } from 'vitest';
import { josa, resolveParticles } from './particles';

describe('josa', () => {
	it('picks the particle from the final consonant', () => {
		expect(josa('과제', '을를')).toBe('를');
		expect(josa('시제품', '을를')).toBe('을');
		expect(josa('진행 중', '으로')).toBe('으로');
		expect(josa('완료', '으로')).toBe('로');
		expect(josa('서울', '으로')).toBe('로');
		expect(josa('PIM', '이가')).toBe('이');
	});

	it('reads names and words in Latin letters as Korean says them, and keeps both forms when unsure', () => {
		expect(josa('Jane Lee', '을를')).toBe('를'); // 제인 리
		expect(josa('Minji Kim', '을를')).toBe('을'); // 김
		expect(josa('Jane', '이가')).toBe('이'); // 제인
		expect(josa('Anne', '은는')).toBe('은'); // 앤
		expect(josa('Paul', '으로')).toBe('로'); // 폴: ㄹ takes 로
		expect(josa('Google', '을를')).toBe('을'); // 구글
		expect(josa('Peter', '이가')).toBe('가'); // 피터
		expect(josa('Mike', '을를')).toBe('를'); // 마이크
		expect(josa('James', '이가')).toBe('가'); // 제임스
		expect(josa('Samsung', '으로')).toBe('으로'); // 삼성
		expect(josa('Seoul National University (SNU)', '이가')).toBe('가'); // 에스엔유
		expect(josa('LG', '이가')).toBe('가'); // 엘지
		expect(josa('ASML', '으로')).toBe('로'); // 에이에스엠엘
		expect(josa('IBM', '을를')).toBe('을'); // 아이비엠
		expect(josa('Park', '이가')).toBe('이(가)'); // 박 or 파크
		expect(josa('Mark', '을를')).toBe('을(를)');
		expect(josa('K-반도체', '을를')).toBe('를'); // the Hangul end decides
	});
});

describe('resolveParticles', () => {
	it('resolves each both-forms particle of a rendered message by the word before it', () => {
		expect(resolveParticles('다른 사람이 ‘시제품’을(를) 삭제했습니다.')).toBe(
			'다른 사람이 ‘시제품’을 삭제했습니다.'
		);
		expect(resolveParticles('‘예산안’, ‘과제’을(를) 삭제했습니다.')).toBe(
			'‘예산안’, ‘과제’를 삭제했습니다.'
		);
		expect(resolveParticles('그사이 제목을 “반도체 협력”(으)로 바꿨습니다.')).toBe(
			'그사이 제목을 “반도체 협력”으로 바꿨습니다.'
		);
		expect(resolveParticles('지금 역할은 편집자입니다. 수락하면 소유자(으)로 바뀝니다.')).toBe(
			'지금 역할은 편집자입니다. 수락하면 소유자로 바뀝니다.'
		);
		expect(resolveParticles('김민지(으)로 로그인됨')).toBe('김민지로 로그인됨');
		expect(resolveParticles('kim@example.com(으)로 로그인되어')).toBe(
			'kim@example.com으로 로그인되어' // 닷컴
		);
		expect(resolveParticles('kim@example.com(으)로 로그인되어')).toBe(
			'kim@example.com으로 로그인되어'
		); // 닷컴
		expect(resolveParticles('‘2026-13-01’은(는) 달력에 없는 날짜')).toBe(
			'‘2026-13-01’은 달력에 없는 날짜'
		);
		expect(resolveParticles('과학기술정보통신부과(와) 함께')).toBe('과학기술정보통신부와 함께');
	});

	it('keeps both forms where the word does not tell, and leaves other text alone', () => {
		expect(resolveParticles('Mark Park(으)로 로그인됨')).toBe('Mark Park(으)로 로그인됨');
		expect(resolveParticles('Dana Pat(으)로 로그인됨')).toBe('Dana Pat(으)로 로그인됨'); // 팻 or 패트
		expect(resolveParticles('Signed in as Dana')).toBe('Signed in as Dana');
	});
});
