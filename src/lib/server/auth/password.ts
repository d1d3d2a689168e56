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

export type PasswordProblem = 'too_short' | 'too_long';

export function checkPassword(password: string): PasswordProblem | null {
	const length = passwordLength(password);
	if (length < PASSWORD_MIN) return 'too_short';
	if (length > PASSWORD_MAX) return 'too_long';
	return null;
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
