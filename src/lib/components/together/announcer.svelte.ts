/**
 * One polite live region for the plan page: moves made by keyboard, undo and redo say what
 * happened there (Announcer.svelte renders it once per page).
 */
class Announcer {
	message = $state('');
	private timer: ReturnType<typeof setTimeout> | undefined;

	/** Says `text`; saying the same twice is announced twice (the region is emptied first). */
	say(text: string) {
		this.message = '';
		clearTimeout(this.timer);
		this.timer = setTimeout(() => (this.message = text), 50);
	}
}

export const announcer = new Announcer();
