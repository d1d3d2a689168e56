/**
 * What a roadmap's pages load that the server may say has changed while they are open: its
 * title and archived state, and the reader's own role (SvelteKit's `depends` / `invalidate`).
 */
export const ROADMAP_ACCESS = 'ieum:roadmap-access';
