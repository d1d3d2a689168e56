/**
 * The HTTP server: SvelteKit's handler for requests, an `upgrade` hook for websockets, and a
 * graceful close that stops accepting, lets in-flight requests finish, then ends the rest.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';

export type RequestHandler = (
	req: http.IncomingMessage,
	res: http.ServerResponse,
	next?: () => void
) => void;
export type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface AppServerOptions {
	/** SvelteKit's handler (adapter-node's build/handler.js). */
	handler: RequestHandler;
	/** Takes websocket upgrades; unknown paths are refused when absent. */
	upgrade?: UpgradeHandler;
	/**
	 * Without a configured ORIGIN, tell SvelteKit every request came over plain http (adapter-node
	 * otherwise assumes https and refuses every form post as cross-site). The header is always
	 * overwritten, so a client cannot choose it.
	 */
	plainHttpHeader?: string;
	/** Where a response that failed midway is reported (default: stderr). */
	log?: (message: string) => void;
	/** How long close() waits for in-flight requests, in ms. */
	shutdownTimeoutMs?: number;
}

export interface AppServer {
	server: http.Server;
	listen(port: number, host: string): Promise<number>;
	close(): Promise<void>;
}

export function createAppServer(options: AppServerOptions): AppServer {
	// Requests in flight per socket, so shutdown can end idle sockets at once (including ones
	// that connected but never sent a request, which Node's closeIdleConnections leaves alone).
	const inFlight = new Map<Duplex, number>();
	let closing = false;
	const log = options.log ?? console.error;

	const server = http.createServer((req, res) => {
		const socket = req.socket;
		inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
		if (closing) res.setHeader('connection', 'close');
		if (options.plainHttpHeader) req.headers[options.plainHttpHeader] = 'http';
		// The static files' handler (sirv) lists build/client once, at start, and pipes a read
		// stream of the file it found into the response without listening for the stream's
		// errors: a file gone since (a build replaced in place) was an unhandled 'error' event,
		// which ended the process for everyone. The response is cut off instead.
		res.on('pipe', (source) => {
			source.once('error', (error: Error) => {
				log(`response to ${req.url}: ${error.message}`);
				res.destroy();
			});
			// Nor does it close the file when the client goes away before the end.
			res.once('close', () => source.destroy());
		});
		res.once('close', () => {
			const left = (inFlight.get(socket) ?? 1) - 1;
			inFlight.set(socket, left);
			if (closing && left === 0) socket.destroySoon?.();
		});
		try {
			options.handler(req, res, () => {
				res.statusCode = 404;
				res.end('Not found');
			});
		} catch (error) {
			// Thrown before any promise could catch it, e.g. by sirv opening a file for a Range
			// it cannot serve (bytes=100-50): uncaught, it ended the process for everyone.
			log(`request ${req.method} ${req.url}: ${(error as Error).message}`);
			if (res.headersSent) res.destroy();
			else {
				res.statusCode = 500;
				res.end('Internal error');
			}
		}
	});
	server.on('connection', (socket) => {
		inFlight.set(socket, 0);
		socket.once('close', () => inFlight.delete(socket));
	});
	server.on('upgrade', (req, socket, head) => {
		socket.on('error', () => socket.destroy());
		if (options.upgrade) return options.upgrade(req, socket, head);
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
	});
	server.on('clientError', (_error, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		else socket.destroy();
	});

	return {
		server,
		listen: (port, host) =>
			new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					const address = server.address();
					resolve(typeof address === 'object' && address ? address.port : port);
				});
			}),
		close: () =>
			new Promise<void>((resolve) => {
				if (!server.listening) return resolve();
				const timer = setTimeout(
					() => server.closeAllConnections(),
					options.shutdownTimeoutMs ?? 10_000
				);
				timer.unref();
				closing = true;
				server.close(() => {
					clearTimeout(timer);
					resolve();
				});
				// Sockets with no request in flight would hold close() open until they time out.
				for (const [socket, count] of inFlight) if (count === 0) socket.destroy();
			})
	};
}
