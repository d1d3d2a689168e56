import * as awarenessProtocol from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAwareness } from './messages';
import { RemotePresence } from './remote-presence';

const state = (name: string) => ({ user: { name } });

function room() {
	const awareness = new awarenessProtocol.Awareness(new Y.Doc());
	awareness.setLocalState(null);
	return { awareness, remote: new RemotePresence(awareness) };
}

const names = (awareness: awarenessProtocol.Awareness) =>
	[...awareness.getStates().values()].map((s) => (s as ReturnType<typeof state>).user.name);

describe('RemotePresence', () => {
	it('keeps a state while its instance repeats it, and drops it once the instance goes quiet', () => {
		const { awareness, remote } = room();
		remote.apply('A', encodeAwareness([{ clientId: 7, clock: 1, state: state('Kim') }]), 0);
		expect(names(awareness)).toEqual(['Kim']);
		// Repeated with the same clock: nothing changes on pages, but it is vouched for again.
		remote.apply('A', encodeAwareness([{ clientId: 7, clock: 1, state: state('Kim') }]), 5_000);
		expect(remote.expire(7_000, 10_000)).toBe(0);
		expect(names(awareness)).toEqual(['Kim']);
		expect(remote.expire(7_000, 12_001)).toBe(1);
		expect(names(awareness)).toEqual([]);
		expect(remote.has(7)).toBe(false);
	});

	it('a late removal from the instance the client left does not orphan the newer one', () => {
		const { awareness, remote } = room();
		remote.apply('A', encodeAwareness([{ clientId: 7, clock: 1, state: state('Kim') }]), 0);
		// The client moved to instance B, which relays it with a newer clock…
		remote.apply('B', encodeAwareness([{ clientId: 7, clock: 3, state: state('Kim') }]), 10);
		// …then A's removal (clock 2) arrives: ignored, and B still vouches for the state.
		remote.apply('A', encodeAwareness([{ clientId: 7, clock: 2, state: null }]), 20);
		expect(names(awareness)).toEqual(['Kim']);
		expect(remote.has(7)).toBe(true);
		// B's own removal does remove it.
		remote.apply('B', encodeAwareness([{ clientId: 7, clock: 4, state: null }]), 30);
		expect(names(awareness)).toEqual([]);
		expect(remote.has(7)).toBe(false);
	});

	it('a client claimed here is no longer expired on behalf of another instance', () => {
		const { awareness, remote } = room();
		remote.apply('A', encodeAwareness([{ clientId: 7, clock: 1, state: state('Kim') }]), 0);
		remote.claimedHere(7);
		expect(remote.expire(7_000, 60_000)).toBe(0);
		expect(names(awareness)).toEqual(['Kim']);
	});
});
