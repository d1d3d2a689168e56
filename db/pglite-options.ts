/**
 * How every PGlite of ours is opened, in-process or on its worker thread.
 *
 * shared_buffers: Postgres' default of 128 MB is allocated inside PGlite's WASM memory and stays
 * resident. A roadmap database is tens of MB, and PGlite reads its files through Node's fs (so the
 * OS caches them anyway); 16 MB is plenty. Measured on reopening a data dir: RSS 296 MB with the
 * default, 167 MB with this.
 */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { byteaCodec } from './pglite-bytea';

export const SHARED_BUFFERS = '16MB';

export const pgliteOptions: PGliteOptions = {
	...byteaCodec,
	startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`]
};
