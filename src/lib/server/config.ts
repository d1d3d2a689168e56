/**
 * Runtime configuration, read once from the environment and checked at start-up, so a wrong
 * setting stops the process with a sentence a person can act on instead of failing later.
 */
import { resolve } from 'node:path';

export interface Config {
	/** TCP port to listen on. */
	port: number;
	/** Interface to bind. */
	host: string;
	/**
	 * Public origin (scheme://host[:port]) for CSRF and websocket Origin checks. Unset: the origin
	 * is taken from each request's Host header over plain http, which suits a local or LAN install;
	 * set it whenever the app is served over https or behind a proxy.
	 */
	origin: string | undefined;
	/** Postgres connection string; unset means the embedded PGlite database. */
	databaseUrl: string | undefined;
	/** Folder of the embedded database (only without DATABASE_URL). */
	dataDir: string;
	/** Redis for pub/sub between instances; unset means a single instance. */
	redisUrl: string | undefined;
	/** Open collaboration connections allowed per user and per IP address. */
	collabMaxConnectionsPerUser: number;
	collabMaxConnectionsPerIp: number;
	/** Accounts that one IP address may create per hour (a shared office NAT may need more). */
	signupsPerIpPerHour: number;
	/** Invitations that one IP address may accept per 15 minutes (a shared NAT may need more). */
	inviteAcceptsPerIp: number;
	/** How long shutdown waits for in-flight requests before closing connections, in ms. */
	shutdownTimeoutMs: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function readConfig(env: Env = process.env): Config {
	const port = parsePort(env.PORT ?? '3000');
	const host = env.HOST?.trim() || '0.0.0.0';
	const origin = env.ORIGIN?.trim() ? parseOrigin(env.ORIGIN.trim()) : undefined;
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
		throw new ConfigError(
			`DATABASE_URL must start with postgres:// or postgresql:// (got "${databaseUrl.split(':')[0]}:…"). ` +
				'Unset it to use the embedded database in DATA_DIR.'
		);
	}
	const redisUrl = env.REDIS_URL?.trim() || undefined;
	if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
		throw new ConfigError('REDIS_URL must start with redis:// or rediss://, or be unset.');
	}
	const dataDir = resolve(env.DATA_DIR?.trim() || './data');
	const shutdownTimeoutMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
	const collabMaxConnectionsPerUser = positiveInt('COLLAB_MAX_CONNECTIONS_PER_USER', env, 20);
	const collabMaxConnectionsPerIp = positiveInt('COLLAB_MAX_CONNECTIONS_PER_IP', env, 500);
	const signupsPerIpPerHour = positiveInt('SIGNUPS_PER_IP_PER_HOUR', env, 10);
	const inviteAcceptsPerIp = positiveInt('INVITE_ACCEPTS_PER_IP', env, 30);
	return {
		port,
		host,
		origin,
		databaseUrl,
		dataDir,
		redisUrl,
		shutdownTimeoutMs,
		collabMaxConnectionsPerUser,
		collabMaxConnectionsPerIp,
		signupsPerIpPerHour,
		inviteAcceptsPerIp
	};
}

function positiveInt(name: string, env: Env, fallback: number): number {
	const raw = env[name]?.trim();
	if (!raw) return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) {
		throw new ConfigError(`${name} must be a whole number of at least 1 (got "${raw}").`);
	}
	return value;
}

function parsePort(value: string): number {
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${value}").`);
	}
	return port;
}

function parseOrigin(value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new ConfigError(
			`ORIGIN must be a full URL such as https://roadmaps.example.org (got "${value}").`
		);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new ConfigError(`ORIGIN must use http or https (got "${url.protocol}").`);
	}
	return url.origin;
}
