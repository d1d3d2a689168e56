/**
 * What both sides of pglite-worker.ts agree on and must be importable without starting it
 * (importing the worker's module runs it).
 */

/** `node pglite-worker.js --create <folder>` creates a database there and exits. */
export const CREATE_FLAG = '--create';
