// The timeline needs what the roadmap page loads (its server-rendered view is the fallback until
// the live doc is in); this route moves into the plan pages' group, which loads it once.
export { load } from '../+page.server';
