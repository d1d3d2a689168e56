/**
 * The roadmap's websocket, opened as soon as the app starts (hooks.client.ts) instead of after
 * every component of the page has loaded and mounted: the server's doc is then on its way while
 * the page's scripts load and hydrate, half a second or more on a big plan.
 *
 * The early socket asks for the whole doc at once (sync step 1 of an empty doc) and keeps what
 * arrives. The page's WebsocketProvider builds its sockets with `AdoptingWebSocket`, whose first
 * construction for that URL hands over the early socket: the kept messages are replayed to the
 * provider's handlers, then its `onopen` runs as for a socket that has just opened. Any other
 * construction (a reconnect, another room, an early socket that closed) is a plain WebSocket.
 */

/** y-websocket's sync step 1 with an empty state vector: "send me everything". */
const EMPTY_SYNC_STEP_1 = [0, 0, 1, 0];
/** An early socket nobody adopted (the page went elsewhere) is closed after this long. */
const UNCLAIMED_MS = 15_000;

interface Early {
	url: string;
	socket: WebSocket;
	kept: MessageEvent[];
	/** Whether it asked for the whole doc already (the provider need not ask again). */
	askedAll: boolean;
	unclaimed: ReturnType<typeof setTimeout>;
}

let early: Early | null = null;

/** The collaboration room a plan view at `path` opens, or null for any other page. */
export function roomOfPath(path: string): string | null {
	const match = /^\/roadmaps\/([^/]+)(?:\/(?:board|timeline|balance))?\/?$/.exec(path);
	// /roadmaps/new is the form that makes one, not a plan.
	return match && match[1] !== 'new' ? decodeURIComponent(match[1]) : null;
}

/** The websocket URL of a room, as the plan layout gives it to the provider. */
export function roomUrl(where: Location, room: string): string {
	return `${where.protocol === 'https:' ? 'wss' : 'ws'}://${where.host}/collab/${room}`;
}

/** Opens the room's socket for the page at `where`, when it is a plan view. */
export function openEarlySocket(where: Location): void {
	const room = roomOfPath(where.pathname);
	if (!room || typeof WebSocket === 'undefined') return;
	const url = roomUrl(where, room);
	let socket: WebSocket;
	try {
		socket = new WebSocket(url);
	} catch {
		return; // the provider will try, and report, on its own
	}
	socket.binaryType = 'arraybuffer';
	const opened: Early = {
		url,
		socket,
		kept: [],
		askedAll: false,
		unclaimed: setTimeout(() => {
			if (early === opened) early = null;
			socket.close();
		}, UNCLAIMED_MS)
	};
	socket.onopen = () => {
		socket.send(new Uint8Array(EMPTY_SYNC_STEP_1));
		opened.askedAll = true;
	};
	socket.onmessage = (event) => opened.kept.push(event);
	early = opened;
}

const sameBytes = (data: unknown, bytes: number[]) =>
	data instanceof Uint8Array &&
	data.length === bytes.length &&
	data.every((b, i) => b === bytes[i]);

const isSyncStep1 = (data: unknown) => data instanceof Uint8Array && data[0] === 0 && data[1] === 0;

/** Hands the early socket to its provider (see the module's comment). */
function adopt(found: Early): WebSocket {
	clearTimeout(found.unclaimed);
	const { socket, kept } = found;
	// The provider sets its handlers right after constructing; take over once it has.
	queueMicrotask(() => {
		if (socket.readyState !== WebSocket.OPEN) return; // its own onopen/onclose will come
		if (found.askedAll) {
			// The provider asks again on open; an empty doc's "send me everything" would bring the
			// whole doc a second time, so that one ask is dropped (replies pass).
			const send = socket.send.bind(socket);
			socket.send = (data) => {
				if (!isSyncStep1(data)) return send(data);
				socket.send = send;
				if (!sameBytes(data, EMPTY_SYNC_STEP_1)) send(data);
			};
		}
		for (const event of kept) socket.onmessage?.(event);
		kept.length = 0;
		socket.onopen?.(new Event('open'));
	});
	return socket;
}

/**
 * A WebSocket constructor for WebsocketProvider's `WebSocketPolyfill`: the early socket for its
 * URL once, a new socket otherwise.
 */
export const AdoptingWebSocket = function (url: string | URL, protocols?: string | string[]) {
	const found = early;
	if (
		found &&
		String(url) === found.url &&
		!protocols?.length &&
		(found.socket.readyState === WebSocket.OPEN || found.socket.readyState === WebSocket.CONNECTING)
	) {
		early = null;
		return adopt(found);
	}
	return new WebSocket(url, protocols);
} as unknown as typeof WebSocket;
