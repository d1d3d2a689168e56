/**
 * Korean particles that follow a word whose last sound decides them: 을/를, 이/가, 은/는, (으)로,
 * 과/와. A sentence built around a name or a title ("‘시제품’을(를) 삭제했습니다") picks the right
 * one where the word tells (시제품 → 을) and keeps both forms where it cannot (Park: 박 or 파크).
 */

/** Does the last Hangul syllable of `word` end in a consonant (받침)? null when not Hangul. */
function finalConsonant(word: string): { has: boolean; rieul: boolean } | null {
	const spoken = word.normalize('NFC').replace(/[\s'"’”)\]…]+$/u, '');
	const last = spoken.slice(-1);
	const code = last.charCodeAt(0) - 0xac00;
	if (Number.isNaN(code) || code < 0 || code > 11171) {
		// Digits read in Korean: 0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔 end in a consonant.
		if (/[0-9]$/.test(last)) return { has: '013678'.includes(last), rieul: '178'.includes(last) };
		// "%" reads 퍼센트.
		if (last === '%') return { has: false, rieul: false };
		return latinFinal(spoken);
	}
	const jong = code % 28;
	return { has: jong !== 0, rieul: jong === 8 };
}

/** Korean names of the letters, as an acronym's last letter is read (M 엠, L 엘, R 알, S 에스…). */
const LETTER_ENDS_IN = { has: 'LMNR', rieul: 'LR' };

/**
 * The final sound of a word in Latin letters, as Korean reads it: an acronym by its last letter's
 * name (PIM 피아이엠 → 이, SK 에스케이 → 가); a word by its spelling where that is clear (Kim 김, Jane
 * 제인, Paul 폴, Lee 리, Peter 피터, Mike 마이크); null where reading varies (Park 박 or 파크, Mark
 * 마크, Pat 팻), so the particle keeps both forms.
 */
function latinFinal(spoken: string): { has: boolean; rieul: boolean } | null {
	const word = /[A-Za-z]+$/.exec(spoken)?.[0];
	if (!word) return null;
	if (word.length <= 6 && word === word.toUpperCase()) {
		const letter = word.slice(-1);
		return {
			has: LETTER_ENDS_IN.has.includes(letter),
			rieul: LETTER_ENDS_IN.rieul.includes(letter)
		};
	}
	const w = word.toLowerCase();
	if (/(?:l|le)$/.test(w)) return { has: true, rieul: true }; // Paul 폴, Dale 데일
	if (/(?:m|n|ng|[aeioumn][mn]e)$/.test(w)) return { has: true, rieul: false }; // Jane 제인
	// Lee 리, Kate 케이트, Peter 피터, James 제임스, David 데이비드, Doug 더그.
	if (/(?:[aeiouywr]|[sxzfvhjdg])$/.test(w)) return { has: false, rieul: false };
	return null; // -b, -c, -k, -p, -t, -q: Bob 밥 but Rob Stark 스타크, Pat 팻 but Kurt 커트
}

/** A Korean particle's two forms: 을/를, 이/가, 은/는, (으)로, 과/와. */
export type ParticlePair = '을를' | '이가' | '은는' | '으로' | '과와';

/** Korean particle after `word` — both forms ("을(를)") when it cannot tell. */
export function josa(word: string, pair: ParticlePair): string {
	const end = finalConsonant(word);
	if (pair === '으로') {
		if (!end) return '(으)로';
		return end.has && !end.rieul ? '으로' : '로';
	}
	const [withConsonant, without] = [...pair];
	if (!end) return `${withConsonant}(${without})`;
	return end.has ? withConsonant : without;
}

/** The both-forms particles a Korean message writes after a placeholder, and their pairs. */
const BOTH_FORMS: Record<string, ParticlePair> = {
	'을(를)': '을를',
	'이(가)': '이가',
	'은(는)': '은는',
	'(으)로': '으로',
	'과(와)': '과와'
};
const BOTH_FORMS_PATTERN = /을\(를\)|이\(가\)|은\(는\)|\(으\)로|과\(와\)/g;

/**
 * A rendered Korean message with each both-forms particle ("을(를)") resolved by the word before
 * it, where that word tells: `‘시제품’을(를)` → `‘시제품’을`, `2026.03.02(으)로` → `2026.03.02로`.
 * Messages are written with both forms because the word is only known when they are rendered.
 */
export function resolveParticles(text: string): string {
	return text.replace(BOTH_FORMS_PATTERN, (both, offset: number) =>
		josa(text.slice(0, offset), BOTH_FORMS[both])
	);
}
