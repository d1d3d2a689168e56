/**
 * The signed-in person's mention notices, shared by the header's bell and the plan's live
 * connection through context. The count starts from the server's render; the plan page asks
 * for a refresh when the server signals that this person's notices changed (or after a
 * reconnect, when a signal may have been missed).
 */
import { getContext, setContext } from 'svelte';
import type { MentionNotice } from './types';

const KEY = Symbol('mention-inbox');
const BASE = '/api/v1/me/mentions';
/** How often a page without a live connection reads the count (a cheap, indexed query). */
const POLL_MS = 60_000;

export class MentionInbox {
	unread = $state(0);
	notices = $state<MentionNotice[]>([]);
	/** True once the list was read; false after a failed read (the bell says so). */
	loaded = $state(false);
	failed = $state(false);

	constructor(unread: number) {
		this.unread = unread;
	}

	/** Reads the count and the latest notices again. */
	async refresh(): Promise<void> {
		try {
			const response = await fetch(BASE, { headers: { accept: 'application/json' } });
			if (!response.ok) throw new Error(String(response.status));
			const body = (await response.json()) as { mentions: MentionNotice[]; unread: number };
			this.notices = body.mentions;
			this.unread = body.unread;
			this.loaded = true;
			this.failed = false;
		} catch {
			this.failed = true; // the count shown stays the last known one
		}
	}

	/**
	 * Keeps the count fresh where no live connection signals it (the roadmap list, a report, the
	 * profile): reads it every `everyMs` while the tab is in sight and `wanted()` holds, and at
	 * once when the tab comes back into sight. Returns the undo.
	 */
	keepFresh(
		wanted: () => boolean,
		{ everyMs = POLL_MS, page = globalThis.document }: { everyMs?: number; page?: Document } = {}
	): () => void {
		const due = () => page.visibilityState === 'visible' && wanted();
		const timer = setInterval(() => {
			if (due()) void this.refresh();
		}, everyMs);
		const onVisible = () => {
			if (due()) void this.refresh();
		};
		page.addEventListener('visibilitychange', onVisible);
		return () => {
			clearInterval(timer);
			page.removeEventListener('visibilitychange', onVisible);
		};
	}

	/** Marks notices read: the ones named, or all. `keepalive` lets it finish while a link opens. */
	async markRead(which: string[] | 'all'): Promise<void> {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp taken once, never mutated
		const now = new Date().toISOString();
		const hits = (n: MentionNotice) => !n.readAt && (which === 'all' || which.includes(n.id));
		this.notices = this.notices.map((n) => (hits(n) ? { ...n, readAt: now } : n));
		try {
			const response = await fetch(`${BASE}/read`, {
				method: 'POST',
				keepalive: true,
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify(which === 'all' ? { all: true } : { ids: which })
			});
			if (response.ok) this.unread = ((await response.json()) as { unread: number }).unread;
		} catch {
			// Not marked: it shows as unread again at the next read, nothing is lost.
		}
	}
}

export const provideMentionInbox = (inbox: MentionInbox) => setContext(KEY, inbox);
/** The inbox, or undefined for a reader who is not signed in. */
export const mentionInbox = () => getContext<MentionInbox | undefined>(KEY);
