import type { ClientInit } from '@sveltejs/kit';
import { openEarlySocket } from '$lib/collab/early-socket';

// Before the page's modules load and hydrate: a plan view's doc starts coming at once.
export const init: ClientInit = () => openEarlySocket(location);
