/**
 * Notices a socket that silently stopped carrying data. The browser answers the server's pings
 * below the page, and y-websocket gives up only after 30 s without a message; a cut cable or a
 * dead NAT mapping closes nothing. So when nothing has been heard for `probeAfterMs`, we send a
 * heartbeat (the server answers at once, see docs/PROTOCOL.md), and when `answerWithinMs` passes
 * without a single message the link is declared dead: a page on a dead link says "Offline"
 * within probeAfterMs + answerWithinMs of the last thing it heard.
 *
 * Timers in background tabs fire late (throttled), and a long task can delay both the answer and
 * the timer that checks for it. A deadline checked more than `stallMs` late therefore re-probes
 * once instead of judging: the answer, if any, was merely queued behind us.
 */
/** The heartbeat's message type, and the whole message (one byte) each way. */
export const MESSAGE_HEARTBEAT = 102;
export const HEARTBEAT_MESSAGE = new Uint8Array([MESSAGE_HEARTBEAT]);

export interface HeartbeatLink {
	/** When the last message of any kind arrived (ms since epoch). */
	lastHeard(): number;
	/** Sends one heartbeat message. */
	probe(): void;
	/** The link is dead: close it (the caller reconnects). */
	dead(): void;
}

export interface HeartbeatOptions {
	probeAfterMs: number;
	answerWithinMs: number;
	stallMs: number;
}

export const HEARTBEAT: HeartbeatOptions = {
	probeAfterMs: 750,
	answerWithinMs: 1_000,
	stallMs: 500
};

export class Heartbeat {
	private timer: ReturnType<typeof setTimeout> | undefined;
	private dueAt = 0;
	/** When the unanswered probe went out; null when none is outstanding. */
	private probeSentAt: number | null = null;
	private regraced = false;

	constructor(
		private readonly link: HeartbeatLink,
		private readonly options: HeartbeatOptions = HEARTBEAT
	) {}

	/** The socket is open: start watching it. */
	start(): void {
		this.stop();
		this.schedule(Math.max(this.link.lastHeard(), Date.now()) + this.options.probeAfterMs);
	}

	/** The socket is gone (or we are done): stop watching. */
	stop(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.probeSentAt = null;
		this.regraced = false;
	}

	private schedule(at: number) {
		this.dueAt = at;
		this.timer = setTimeout(() => this.check(), Math.max(0, at - Date.now()));
	}

	private check() {
		const now = Date.now();
		const late = now - this.dueAt;
		const heard = this.link.lastHeard();
		if (this.probeSentAt !== null && heard >= this.probeSentAt) {
			this.probeSentAt = null; // answered (or anything else arrived): alive
			this.regraced = false;
		}
		if (this.probeSentAt === null) {
			if (now - heard < this.options.probeAfterMs) {
				this.schedule(heard + this.options.probeAfterMs);
				return;
			}
			this.sendProbe(now);
			return;
		}
		if (late > this.options.stallMs && !this.regraced) {
			this.regraced = true;
			this.sendProbe(now);
			return;
		}
		this.stop();
		this.link.dead();
	}

	private sendProbe(now: number) {
		this.probeSentAt = now;
		this.link.probe();
		this.schedule(now + this.options.answerWithinMs);
	}
}
