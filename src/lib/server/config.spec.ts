import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config';

describe('readConfig', () => {
	it('limits sign-ups and invitation accepts per IP, raisable for a shared NAT', () => {
		expect(readConfig({})).toMatchObject({ signupsPerIpPerHour: 10, inviteAcceptsPerIp: 30 });
		expect(
			readConfig({ SIGNUPS_PER_IP_PER_HOUR: '500', INVITE_ACCEPTS_PER_IP: '200' })
		).toMatchObject({ signupsPerIpPerHour: 500, inviteAcceptsPerIp: 200 });
		expect(() => readConfig({ INVITE_ACCEPTS_PER_IP: 'lots' })).toThrow(ConfigError);
	});

	it('defaults to port 3000 on all interfaces with PGlite in ./data', () => {
		const config = readConfig({});
		expect(config).toMatchObject({
			port: 3000,
			host: '0.0.0.0',
			databaseUrl: undefined,
			origin: undefined
		});
		expect(config.dataDir).toMatch(/[/\\]data$/);
	});

	it('honours PORT, HOST, ORIGIN, DATABASE_URL, DATA_DIR and REDIS_URL', () => {
		const config = readConfig({
			PORT: '8080',
			HOST: '127.0.0.1',
			ORIGIN: 'https://roadmaps.example.org/',
			DATABASE_URL: 'postgres://u:p@db/ieum',
			DATA_DIR: '/var/lib/ieum',
			REDIS_URL: 'redis://cache:6379'
		});
		expect(config).toMatchObject({
			port: 8080,
			host: '127.0.0.1',
			origin: 'https://roadmaps.example.org',
			databaseUrl: 'postgres://u:p@db/ieum',
			dataDir: '/var/lib/ieum',
			redisUrl: 'redis://cache:6379'
		});
	});

	it.each([
		[{ PORT: '70000' }, /PORT must be a whole number/],
		[{ ORIGIN: 'roadmaps.example.org' }, /ORIGIN must be a full URL/],
		[{ ORIGIN: 'ftp://x.org' }, /ORIGIN must use http or https/],
		[{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
		[{ REDIS_URL: 'localhost:6379' }, /REDIS_URL must start with redis/]
	])('refuses %o with a sentence a person can act on', (env, message) => {
		expect(() => readConfig(env)).toThrow(ConfigError);
		expect(() => readConfig(env)).toThrow(message);
	});
});
