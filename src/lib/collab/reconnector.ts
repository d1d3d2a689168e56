/**
 * When to open the roadmap's socket. y-websocket's own retry uses a fixed exponential backoff
 * and knows nothing of the browser's network state; ours:
 * - retries with full jitter (a restarted server is not hit by every page at once), capped;
 * - stops trying while the browser says it is offline, drops the socket at once when it goes
 *   offline (so the page says so), and connects the moment it says `online` — no timer to wait out;
 * - gives up on an attempt that has not opened within `connectTimeoutMs` (a dead network can
 *   leave a connect pending for minutes);
 * - reconnects at once (within 100 ms, spread so a restarted instance's pages do not all land in
 *   the same millisecond) when the server says it is restarting (close 1012): behind a balancer
 *   another instance takes the page;
 * - stops for good when told (the server closed us with a 44xx code).
 */
export interface ReconnectSocket {
	/** Opens a socket unless one is open or opening. */
	connect(): void;
	/** Drops the socket (or the attempt) at once; the caller reports it through `closed()`. */
	disconnect(): void;
}

export interface NetworkEvents {
	addEventListener(type: 'online' | 'offline', listener: () => void): void;
	removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

export interface ReconnectOptions {
	/** Where `online`/`offline` come from: `window` in the browser. */
	network: NetworkEvents;
	/** `navigator.onLine` at the start. */
	online: boolean;
	maxBackoffMs?: number;
	connectTimeoutMs?: number;
	random?: () => number;
}

/** Pages told that their instance restarts reconnect within this, spread at random. */
export const RESTART_SPREAD_MS = 100;

export type LinkState = 'connecting' | 'open' | 'waiting' | 'offline' | 'stopped';

export class Reconnector {
	state: LinkState = 'waiting';
	private attempts = 0;
	/** A restart notice skips the backoff once per link that worked, never in a loop. */
	private restartSkipsBackoff = false;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private readonly maxBackoffMs: number;
	private readonly connectTimeoutMs: number;
	private readonly random: () => number;

	constructor(
		private readonly socket: ReconnectSocket,
		private readonly options: ReconnectOptions
	) {
		this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
		this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
		this.random = options.random ?? Math.random;
		options.network.addEventListener('online', this.onOnline);
		options.network.addEventListener('offline', this.onOffline);
	}

	/** First connection: now, unless the browser already knows it is offline. */
	start(): void {
		if (this.options.online) this.connectNow();
		else this.state = 'offline';
	}

	/** The socket opened. */
	opened(): void {
		if (this.state === 'stopped') return;
		clearTimeout(this.timer);
		this.state = 'open';
	}

	/**
	 * The server answered with the document: the link works, the backoff starts over. (Not on
	 * open: a server that accepts and then fails must not be retried at full speed.)
	 */
	synced(): void {
		this.attempts = 0;
		this.restartSkipsBackoff = true;
	}

	/**
	 * The server closed with 1012 (restarting): connect again now, not after backoff. A second
	 * restart notice before the document arrived again is treated like any failure.
	 */
	restarting(): void {
		if (!this.restartSkipsBackoff) return this.closed();
		if (this.state === 'offline' || this.state === 'stopped' || this.state === 'waiting') return;
		this.restartSkipsBackoff = false;
		clearTimeout(this.timer);
		this.state = 'waiting';
		// On a timer even at 0: the closing socket is only let go after the close handlers run.
		this.timer = setTimeout(() => this.connectNow(), this.random() * RESTART_SPREAD_MS);
	}

	/** The socket closed or an attempt failed: try again after a jittered backoff. */
	closed(): void {
		if (this.state === 'offline' || this.state === 'stopped' || this.state === 'waiting') return;
		this.retryLater();
	}

	/** The link went silent (heartbeat): drop it and try again. */
	dead(): void {
		if (this.state !== 'open') return;
		this.retryLater();
		this.socket.disconnect();
	}

	/** No more connections (signed out, removed, deleted, or the page is leaving). */
	stop(): void {
		this.state = 'stopped';
		clearTimeout(this.timer);
		this.options.network.removeEventListener('online', this.onOnline);
		this.options.network.removeEventListener('offline', this.onOffline);
	}

	private retryLater() {
		clearTimeout(this.timer);
		this.state = 'waiting';
		const cap = Math.min(this.maxBackoffMs, 250 * 2 ** this.attempts++);
		this.timer = setTimeout(() => this.connectNow(), this.random() * cap);
	}

	private connectNow() {
		clearTimeout(this.timer);
		this.state = 'connecting';
		this.timer = setTimeout(() => {
			this.retryLater();
			this.socket.disconnect();
		}, this.connectTimeoutMs);
		this.socket.connect();
	}

	private readonly onOnline = () => {
		if (this.state === 'stopped' || this.state === 'open') return;
		// An attempt begun before the network came back may hang: start a fresh one.
		if (this.state === 'connecting') this.socket.disconnect();
		this.attempts = 0;
		this.connectNow();
	};

	private readonly onOffline = () => {
		if (this.state === 'stopped') return;
		clearTimeout(this.timer);
		this.state = 'offline';
		this.socket.disconnect();
	};
}
