/**
 * Filter choices made before the page is running. The plan's filter is a GET form the server
 * renders; with JavaScript, a change applies at once, but only once the page has hydrated: a
 * choice made while the page's code was still loading did nothing (and hydration then put the
 * old choice back). `watchEarlyFilterChoices` runs as the app starts (hooks.client.ts): it notes
 * the choices already changed and those changed until the filter bar takes over, which then
 * applies them (`takeEarlyFilterChoices`).
 */

/** The form's marker attribute (FilterBar.svelte writes it out). */
const EARLY_FILTER_ATTRIBUTE = 'data-plan-filter';

let pending: Map<string, string> | null = null;
let stopWatching: (() => void) | null = null;

const filterSelects = (root: ParentNode) =>
	root.querySelectorAll<HTMLSelectElement>(`form[${EARLY_FILTER_ATTRIBUTE}] select[name]`);

/** What the server rendered as chosen: the option marked `selected`, else the first. */
function renderedValue(select: HTMLSelectElement): string {
	const options = [...select.options];
	return (options.find((o) => o.defaultSelected) ?? options[0])?.value ?? '';
}

export function watchEarlyFilterChoices(root: Document = document): void {
	pending = new Map();
	for (const select of filterSelects(root))
		if (select.value !== renderedValue(select)) pending.set(select.name, select.value);
	const onChange = (event: Event) => {
		const target = event.target;
		if (target instanceof HTMLSelectElement && target.closest(`form[${EARLY_FILTER_ATTRIBUTE}]`))
			pending?.set(target.name, target.value);
	};
	root.addEventListener('change', onChange, true);
	stopWatching = () => root.removeEventListener('change', onChange, true);
}

/** The choices made before the filter bar ran (name → value), once; null when there were none. */
export function takeEarlyFilterChoices(): Map<string, string> | null {
	stopWatching?.();
	stopWatching = null;
	const taken = pending;
	pending = null;
	return taken?.size ? taken : null;
}

/** `search` (a query string) with `choices` set in it, an empty choice removing its key. */
export function withChoices(search: string, choices: Map<string, string>): URLSearchParams {
	const query = new URLSearchParams(search);
	for (const [key, value] of choices) {
		if (value) query.set(key, value);
		else query.delete(key);
	}
	return query;
}
