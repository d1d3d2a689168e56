import { afterEach, describe, expect, it, vi } from 'vitest';
import { MentionInbox } from './mention-inbox.svelte';

/** A tab whose visibility the test sets, and whose listeners it can call. */
function fakeTab() {
	const target = new EventTarget();
	const tab = Object.assign(target, { visibilityState: 'visible' as DocumentVisibilityState });
	return tab as unknown as Document & { visibilityState: DocumentVisibilityState };
}

describe('MentionInbox.keepFresh', () => {
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('reads the count on its own where nothing signals it, only while the tab is in sight', async () => {
		vi.useFakeTimers();
		let unread = 0;
		const fetchMock = vi.fn(async () => Response.json({ mentions: [], unread: ++unread }));
		vi.stubGlobal('fetch', fetchMock);
		const inbox = new MentionInbox(0);
		const tab = fakeTab();
		let wanted = true;
		const stop = inbox.keepFresh(() => wanted, { everyMs: 1000, page: tab });

		await vi.advanceTimersByTimeAsync(1000);
		expect(inbox.unread).toBe(1);
		tab.visibilityState = 'hidden';
		await vi.advanceTimersByTimeAsync(3000);
		expect(fetchMock).toHaveBeenCalledTimes(1);
		// Back in sight: read at once, not at the next tick.
		tab.visibilityState = 'visible';
		tab.dispatchEvent(new Event('visibilitychange'));
		await vi.advanceTimersByTimeAsync(0);
		expect(inbox.unread).toBe(2);
		// A page with a live connection (wanted() false) is told by it instead.
		wanted = false;
		await vi.advanceTimersByTimeAsync(3000);
		expect(fetchMock).toHaveBeenCalledTimes(2);
		wanted = true;
		stop();
		await vi.advanceTimersByTimeAsync(3000);
		expect(fetchMock).toHaveBeenCalledTimes(2);
	});
});
