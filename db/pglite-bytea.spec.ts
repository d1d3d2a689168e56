import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byteaCodec } from './pglite-bytea';

describe('bytea through PGlite with the native hex codec', () => {
	let db: PGlite;
	beforeAll(async () => {
		db = await PGlite.create('memory://', byteaCodec);
		await db.exec('create table blobs (id int primary key, data bytea)');
	});
	afterAll(() => db.close());

	const roundTrip = async (id: number, data: Uint8Array) => {
		await db.query('insert into blobs values ($1, $2)', [id, data]);
		const { rows } = await db.query<{ data: Uint8Array }>('select data from blobs where id = $1', [
			id
		]);
		return rows[0].data;
	};

	it('keeps every byte value, an empty value and a view into a larger buffer', async () => {
		const all = Uint8Array.from({ length: 256 }, (_, i) => i);
		expect([...(await roundTrip(1, all))]).toEqual([...all]);
		expect((await roundTrip(2, new Uint8Array(0))).length).toBe(0);
		const view = all.subarray(250, 254);
		expect([...(await roundTrip(3, view))]).toEqual([250, 251, 252, 253]);
	});

	it('reads what Postgres itself wrote as bytea', async () => {
		const { rows } = await db.query<{ data: Uint8Array }>("select decode('00ff10', 'hex') as data");
		expect(rows[0].data).toBeInstanceOf(Uint8Array);
		expect([...rows[0].data]).toEqual([0, 255, 16]);
	});

	it('refuses what is not bytes rather than storing something else', async () => {
		await expect(db.query('insert into blobs values (9, $1)', ['not bytes'])).rejects.toThrow(
			/bytea/
		);
	});
});
