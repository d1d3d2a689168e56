/**
 * Throttling of guessable endpoints (sign-in, sign-up, invitation accept, token guesses), per IP
 * and per account, with rate-limiter-flexible: in memory for one instance, in Redis when
 * REDIS_URL joins several, so a client cannot spread its guesses across instances.
 */
import {
	RateLimiterMemory,
	RateLimiterRedis,
	RateLimiterRes,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';

export interface ThrottleRule {
	/** Attempts allowed in the window. */
	points: number;
	/** Window, in seconds. */
	duration: number;
	/** How long a key stays blocked once over, in seconds (defaults to the window). */
	blockDuration?: number;
}

export type ThrottleRules = Record<ThrottleName, ThrottleRule>;

export const THROTTLE_RULES: ThrottleRules = {
	signInIp: { points: 30, duration: 15 * 60 },
	signInAccount: { points: 10, duration: 15 * 60, blockDuration: 15 * 60 },
	signUpIp: { points: 10, duration: 60 * 60 },
	inviteAcceptIp: { points: 30, duration: 15 * 60 },
	tokenGuessIp: { points: 30, duration: 60, blockDuration: 5 * 60 }
};

export type ThrottleName =
	'signInIp' | 'signInAccount' | 'signUpIp' | 'inviteAcceptIp' | 'tokenGuessIp';

const THROTTLED = Symbol.for('ieum.throttled');

export class Throttled extends Error {
	readonly [THROTTLED] = true;
	constructor(public readonly retryAfterSeconds: number) {
		super(`Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
	}

	/**
	 * The throttle is created by whichever bundle started the services (the Node entry or the
	 * SvelteKit build, each with its own copy of this class), so `instanceof` cannot be trusted.
	 */
	static [Symbol.hasInstance](value: unknown): value is Throttled {
		return typeof value === 'object' && value !== null && THROTTLED in value;
	}
}

export interface Throttle {
	/** Counts one attempt; throws Throttled when the key is over its limit. */
	consume(name: ThrottleName, key: string): Promise<void>;
	/**
	 * Throws Throttled when the key is over its limit, without counting; with `cost`, when
	 * spending that much more would take it over (check before an attempt only successes count).
	 */
	check(name: ThrottleName, key: string, cost?: number): Promise<void>;
	/** Forgets a key (e.g. the account after a successful sign-in). */
	reset(name: ThrottleName, key: string): Promise<void>;
}

/** Minimal surface of an ioredis client that RateLimiterRedis uses. */
type RedisLike = object;

export function createThrottle(
	options: { redis?: RedisLike; rules?: ThrottleRules } = {}
): Throttle {
	const rules: ThrottleRules = options.rules ?? THROTTLE_RULES;
	const limiters = new Map<ThrottleName, RateLimiterAbstract>();
	const limiter = (name: ThrottleName) => {
		let found = limiters.get(name);
		if (!found) {
			const rule = rules[name];
			const base = { keyPrefix: `ieum:throttle:${name}`, ...rule };
			// While Redis is away each instance counts on its own: sign-in keeps working, and the
			// limits hold per instance rather than not at all.
			found = options.redis
				? new RateLimiterRedis({
						...base,
						storeClient: options.redis,
						useRedisPackage: false,
						insuranceLimiter: new RateLimiterMemory(base)
					})
				: new RateLimiterMemory(base);
			limiters.set(name, found);
		}
		return found;
	};
	const rethrow = (error: unknown): never => {
		if (error instanceof RateLimiterRes)
			throw new Throttled(Math.ceil(error.msBeforeNext / 1000) || 1);
		throw error;
	};
	return {
		async consume(name, key) {
			await limiter(name).consume(key).catch(rethrow);
		},
		async check(name, key, cost = 0) {
			const res = await limiter(name).get(key);
			if (res && res.consumedPoints + cost > rules[name].points) {
				throw new Throttled(Math.ceil(res.msBeforeNext / 1000) || 1);
			}
		},
		async reset(name, key) {
			await limiter(name).delete(key);
		}
	};
}
