import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { fixPageLocale } from './page-locale';

describe('fixPageLocale', () => {
	// One runtime per spec file: the cases run in this order on purpose.
	it('keeps the resolved language when the page names none we have', () => {
		expect(fixPageLocale({ lang: 'fr' })).toBe('ko');
		expect(getLocale()).toBe('ko');
	});

	it('speaks the language the server rendered the page in, in every message', () => {
		expect(fixPageLocale({ lang: 'en' })).toBe('en');
		expect(getLocale()).toBe('en');
		expect(m.save_saved()).toBe('Saved');
		fixPageLocale({ lang: 'ko' });
		expect(m.save_saved()).toBe('저장됨');
	});
});
