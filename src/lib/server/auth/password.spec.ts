import { describe, expect, it } from 'vitest';
import {
	checkPassword,
	hashPassword,
	passwordWorkInFlight,
	verifyAgainstDummy,
	verifyPassword
} from './password';

describe('passwords', () => {
	it('accepts 8 to 256 characters as a person counts them, never truncating', async () => {
		expect(checkPassword('1234567')).toBe('too_short');
		expect(checkPassword('12345679')).toBeNull();
		expect(checkPassword('가나다라마바사아')).toBeNull(); // 8 characters, 24 bytes
		expect(checkPassword('😀🌱📈'.repeat(85) + 'x')).toBeNull(); // 256 characters
		expect(checkPassword('a'.repeat(257))).toBe('too_long');
		const long = 'x'.repeat(200);
		const hash = await hashPassword(long + 'A');
		expect(await verifyPassword(hash, long + 'B')).toBe(false);
		expect(await verifyPassword(hash, long + 'A')).toBe(true);
	});

	it('refuses passwords anyone would guess first, and not long phrases', () => {
		for (const guessable of [
			'password',
			'Password1!',
			'12345678',
			'87654321',
			'abcdefgh',
			' '.repeat(10),
			'aaaaaaaaaa',
			'abababab',
			'qwer1234',
			'1q2w3e4r!'
		])
			expect(checkPassword(guessable), guessable).toBe('guessable');
		for (const fine of [
			'정책 로드맵 2026!',
			'a long enough password',
			'bench password 1',
			'가나다라마바사아'
		])
			expect(checkPassword(fine), fine).toBeNull();
	});

	it('runs at most two hashes at once and queues the rest', async () => {
		let peak = 0;
		const timer = setInterval(() => (peak = Math.max(peak, passwordWorkInFlight().running)), 1);
		const work = Array.from({ length: 6 }, (_, i) => hashPassword(`password ${i}`));
		expect(passwordWorkInFlight().waiting).toBeGreaterThan(0);
		await Promise.all(work);
		clearInterval(timer);
		expect(peak).toBeLessThanOrEqual(2);
		expect(passwordWorkInFlight()).toEqual({ running: 0, waiting: 0 });
	});

	it('answers false for a garbage hash or a missing account instead of throwing', async () => {
		expect(await verifyPassword('not a hash', 'whatever1')).toBe(false);
		expect(await verifyAgainstDummy('whatever1')).toBe(false);
	});
});
