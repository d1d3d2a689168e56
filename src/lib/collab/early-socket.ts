/**
 * The roadmap's websocket, opened by a few lines inline in the page's <head> (EARLY_SOCKET_SCRIPT,
 * put there by hooks.server.ts) instead of after the page's modules have loaded and hydrated:
 * the server's doc is then on its way while the browser lays out the server's HTML and fetches
 * the app, most of a second on a big plan.
 *
 * The early socket's URL adds `all=1`: the server sends the whole doc as soon as the handshake is
 * done, as if the socket had sent sync step 1 of an empty doc, because the page's main thread is
 * busy laying out the server's HTML and may run the socket's `onopen` hundreds of milliseconds
 * after the socket opened (measured on a 5 × 2,000 plan: the doc came that much later when the
 * page asked from `onopen`). The early socket keeps what arrives. The page's WebsocketProvider builds its sockets with `AdoptingWebSocket`, whose first
 * construction for that URL hands over the early socket: the kept messages are replayed to the
 * provider's handlers, then its `onopen` runs as for a socket that has just opened. Any other
 * construction (a reconnect, another room, an early socket that closed) is a new WebSocket; both
 * come framed (framed-socket.ts).
 */

import { FramedSocket } from './framed-socket';
import { PARTS_QUERY } from './parts';

/** The query that has the server send the whole doc unasked (see server/collab/server.ts). */
const ALL_QUERY = 'all=1';
/** y-websocket's sync step 1 with an empty state vector: "send me everything". */
const EMPTY_SYNC_STEP_1 = [0, 0, 1, 0];
/** An early socket nobody adopted (the page went elsewhere) is closed after this long quiet. */
const UNCLAIMED_MS = 15_000;
/** The paths of the plan's views, whose pages open the roadmap's room (/roadmaps/new does not). */
const PLAN_PATH = /^\/roadmaps\/([^/]+)(?:\/(?:board|timeline|balance))?\/?$/;

interface Early {
	url: string;
	socket: WebSocket;
	kept: MessageEvent[];
	unclaimed: ReturnType<typeof setTimeout>;
}

/** Where the inline script leaves its socket for the app (globalThis is the page's window). */
type EarlyGlobal = { __ieumEarly?: Early | null };

/**
 * The inline script: plain ES5 on the page's globals (window, location, WebSocket, setTimeout),
 * run before the stylesheets and the app's modules. The websocket URL is the one the provider
 * builds (ws[s]://<host>/collab/<roadmap id>?parts=1&deflated=1). It never throws: on any trouble the
 * provider opens its own socket as it would anyway.
 */
export const EARLY_SOCKET_SCRIPT = `(function () {
	try {
		var match = ${PLAN_PATH}.exec(location.pathname);
		if (!match || match[1] === 'new' || typeof WebSocket !== 'function') return;
		var query = ${JSON.stringify(PARTS_QUERY)};
		try {
			new DecompressionStream('deflate-raw');
			query += '&deflated=1';
		} catch (error) {}
		var url = (location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.host +
			'/collab/' + decodeURIComponent(match[1]) + '?' + query;
		var socket = new WebSocket(url + '&' + ${JSON.stringify(ALL_QUERY)});
		socket.binaryType = 'arraybuffer';
		var early = { url: url, socket: socket, kept: [], unclaimed: 0 };
		// Closed once nobody has claimed it for a while, counted from its last message: on a slow
		// link the page may take longer than that to start while the doc is still coming.
		var giveUp = function () {
			if (window.__ieumEarly === early) window.__ieumEarly = null;
			socket.close();
		};
		socket.onmessage = function (event) {
			early.kept.push(event);
			clearTimeout(early.unclaimed);
			early.unclaimed = setTimeout(giveUp, ${UNCLAIMED_MS});
		};
		early.unclaimed = setTimeout(giveUp, ${UNCLAIMED_MS});
		window.__ieumEarly = early;
	} catch (error) {}
})();`;

const sameBytes = (data: unknown, bytes: number[]) =>
	data instanceof Uint8Array &&
	data.length === bytes.length &&
	data.every((b, i) => b === bytes[i]);

const isSyncStep1 = (data: unknown) => data instanceof Uint8Array && data[0] === 0 && data[1] === 0;

/** Hands the early socket to its provider (see the module's comment). */
function adopt(found: Early): FramedSocket {
	clearTimeout(found.unclaimed);
	const { socket, kept } = found;
	const framed = new FramedSocket(socket); // its handlers replace the early ones
	// The server sends the whole doc unasked; the provider asks on open all the same, and an
	// empty doc's "send me everything" would bring the doc a second time, so that one ask is
	// dropped (replies pass), whether the socket is open yet or not.
	const send = framed.send.bind(framed);
	framed.send = (data) => {
		if (!isSyncStep1(data)) return send(data);
		framed.send = send;
		if (!sameBytes(data, EMPTY_SYNC_STEP_1)) send(data);
	};
	// The provider sets its handlers right after constructing; take over once it has.
	queueMicrotask(() => {
		if (socket.readyState !== WebSocket.OPEN) return; // its own onopen/onclose will come
		for (const event of kept) framed.receive(event.data);
		kept.length = 0;
		framed.onopen?.(new Event('open'));
	});
	return framed;
}

/**
 * A WebSocket constructor for WebsocketProvider's `WebSocketPolyfill`: the early socket for its
 * URL once, a new socket otherwise.
 */
export const AdoptingWebSocket = function (url: string | URL, protocols?: string | string[]) {
	const page = globalThis as EarlyGlobal;
	const found = page.__ieumEarly;
	if (
		found &&
		String(url) === found.url &&
		!protocols?.length &&
		(found.socket.readyState === WebSocket.OPEN || found.socket.readyState === WebSocket.CONNECTING)
	) {
		page.__ieumEarly = null;
		return adopt(found);
	}
	return new FramedSocket(new WebSocket(url, protocols));
} as unknown as typeof WebSocket;
