/**
 * Passwords: argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, parallelism 1).
 * At most two hashes run at once, so a flood of sign-ins queues instead of starving the server.
 */
import { hash, verify } from '@node-rs/argon2';

export const ARGON2_OPTIONS = {
	algorithm: 2, // Algorithm.Argon2id (a const enum, which isolated modules cannot import)
	memoryCost: 19_456,
	timeCost: 2,
	parallelism: 1
} as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Length in characters as a person counts them (code points), never truncated. */
export const passwordLength = (password: string) => [...password].length;

export type PasswordProblem = 'too_short' | 'too_long' | 'guessable';

export function checkPassword(password: string): PasswordProblem | null {
	const length = passwordLength(password);
	if (length < PASSWORD_MIN) return 'too_short';
	if (length > PASSWORD_MAX) return 'too_long';
	if (isGuessable(password)) return 'guessable';
	return null;
}

/**
 * The passwords people try first, of eight characters or more (from published lists of leaked
 * ones, with the keyboard runs common on Korean keyboards): NIST SP 800-63B asks a service to
 * refuse these rather than to demand symbols.
 */
const COMMON = new Set([
	'password',
	'password1',
	'password12',
	'password123',
	'passw0rd',
	'p@ssw0rd',
	'123123123',
	'12341234',
	'11223344',
	'1234qwer',
	'qwer1234',
	'qwerty12',
	'qwerty123',
	'qwertyui',
	'qwertyuiop',
	'1q2w3e4r',
	'1q2w3e4r5t',
	'q1w2e3r4',
	'1qaz2wsx',
	'asdf1234',
	'asdfghjk',
	'asdfasdf',
	'zxcvbnm1',
	'zxcvbnm123',
	'iloveyou',
	'sunshine',
	'princess',
	'football',
	'baseball',
	'welcome1',
	'abc12345',
	'abcd1234',
	'a1234567',
	'admin123',
	'letmein1',
	'trustno1',
	'changeme',
	'qazwsxedc'
]);

/**
 * Too easy to guess, whatever its length: a password of the common list (symbols at its end
 * aside), a few characters repeated ("aaaaaaaa", ten spaces), or one run of the keyboard's
 * order ("12345678", "abcdefgh", "87654321").
 */
function isGuessable(password: string): boolean {
	const plain = password.toLowerCase().replace(/\s+/g, '');
	if (new Set(plain).size < 4) return true;
	if (COMMON.has(plain) || COMMON.has(plain.replace(/[!@#$%^&*.?]+$/, ''))) return true;
	const codes = [...plain].map((c) => c.codePointAt(0)!);
	const step = codes[1] - codes[0];
	return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
}

const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
	if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
	running++;
	try {
		return await work();
	} finally {
		running--;
		waiting.shift()?.();
	}
}

/** Hashes or verifications running right now (for tests and metrics). */
export const passwordWorkInFlight = () => ({ running, waiting: waiting.length });

export const hashPassword = (password: string) => limited(() => hash(password, ARGON2_OPTIONS));

export const verifyPassword = (storedHash: string, password: string) =>
	limited(() => verify(storedHash, password).catch(() => false));

/**
 * A hash of a password nobody has, verified when the account does not exist, so "no such user"
 * takes as long as "wrong password" and the timing does not reveal which accounts exist.
 */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword('not-a-real-password-' + crypto.randomUUID());
	await verifyPassword(await dummyHash, password);
	return false;
}
