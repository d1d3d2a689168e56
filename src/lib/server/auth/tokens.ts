/**
 * Secret tokens shaped `<id>.<secret>` (sessions, invitations, API tokens), as Lucia's guide
 * builds them: the id is the lookup key, only SHA-256(secret) is stored, and the comparison is
 * constant-time, so neither the database nor a timing side channel gives a usable token away.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** 10 random bytes for the id (80 bits, unique), 20 for the secret (160 bits ≥ the 128 required). */
const ID_BYTES = 10;
const SECRET_BYTES = 20;

const random = (bytes: number) => {
	const out = new Uint8Array(bytes);
	crypto.getRandomValues(out);
	return encodeBase32LowerCaseNoPadding(out);
};

export interface IssuedToken {
	id: string;
	secretHash: string;
	/** Shown to its holder once; never stored. */
	token: string;
}

export function issueToken(prefix = ''): IssuedToken {
	const id = random(ID_BYTES);
	const secret = random(SECRET_BYTES);
	return { id, secretHash: hashSecret(secret), token: `${prefix}${id}.${secret}` };
}

export const hashSecret = (secret: string) =>
	encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));

const PART = /^[a-z2-7]{8,64}$/;

/** Splits a presented token; null for anything malformed (never throws). */
export function parseToken(value: unknown, prefix = ''): { id: string; secret: string } | null {
	if (typeof value !== 'string' || value.length > 256 || !value.startsWith(prefix)) return null;
	const [id, secret, ...rest] = value.slice(prefix.length).split('.');
	if (rest.length || !PART.test(id ?? '') || !PART.test(secret ?? '')) return null;
	return { id, secret };
}

/** Constant-time check of a presented secret against the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
	try {
		return constantTimeEqual(decodeHex(hashSecret(secret)), decodeHex(storedHash));
	} catch {
		return false;
	}
}
