/**
 * What both sides of pglite-worker.ts agree on and must be importable without starting it
 * (importing the worker's module runs it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** `node pglite-worker.js --create <folder>` creates a database there and exits. */
export const CREATE_FLAG = '--create';

/**
 * Lies in a folder while a database is being created in it. PGlite writes the new cluster file by
 * file (PG_VERSION among the first), so a creation cut short (killed, disk full) leaves a folder
 * that looks like a database and is not one: with the marker still there, it is created again.
 */
export const CREATING_MARKER = '.ieum-creating';

/** Entries a fresh folder may hold that are not ours (a mounted volume's lost+found, dotfiles). */
export const isForeignButHarmless = (name: string) =>
	name === 'lost+found' || (name.startsWith('.') && name !== CREATING_MARKER);

/** Whether `dataDir` holds a whole database (a folder PGlite finished creating). */
export const holdsDatabase = (dataDir: string) =>
	existsSync(join(dataDir, 'PG_VERSION')) && !existsSync(join(dataDir, CREATING_MARKER));
