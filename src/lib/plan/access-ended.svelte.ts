/**
 * Whether this reader's access to the open roadmap ended while the page was open (removed from
 * it, the roadmap deleted, signed out elsewhere). The plan's live connection learns it; the
 * roadmap's header, drawn by the layout above the plan, stops naming a role and offering the
 * member-only tabs. Its data is not read again: that would replace the plan's own explanation
 * with an error page.
 */
import { createContext } from 'svelte';

export class AccessEnded {
	ended = $state(false);
}

export const [getAccessEnded, setAccessEnded] = createContext<AccessEnded>();
