import { describe, expect, it } from 'vitest';
import { defuse } from './cells';
import { escapeMarkdown } from './markdown';

describe('defuse', () => {
	it('turns every formula-looking cell into text with a leading apostrophe', () => {
		for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])
			expect(defuse(bad)).toBe(`'${bad}`);
		for (const fine of ['1-2', 'a=b', '과제 =', '', ' =x'.trim() + 'y']) {
			if (!/^[=+\-@\t\r]/.test(fine)) expect(defuse(fine)).toBe(fine);
		}
	});
});

describe('escapeMarkdown', () => {
	it('leaves no HTML tag and no Markdown structure in a title', () => {
		expect(escapeMarkdown('<script>alert(1)</script> & [x](y) | *b*')).toBe(
			'&lt;script&gt;alert(1)&lt;/script&gt; & \\[x\\](y) \\| \\*b\\*'
		);
		expect(escapeMarkdown('# heading')).toBe('\\# heading');
		// An ampersand stays as typed, unless a viewer would read an entity there.
		expect(escapeMarkdown('R&D &lt; &#60; AT&T;')).toBe('R&D &amp;lt; &amp;#60; AT&amp;T;');
		expect(escapeMarkdown('1. list')).toBe('1\\. list');
	});
});
