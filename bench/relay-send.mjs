// What one relay costs the server a peer (issue 8): `ws.send` to each of N sockets, which frames
// the message for each of them, against one frame built once and written to every socket as it
// is (server/collab/shared-frame.ts; a server's frames are unmasked, so all peers get the same
// bytes). The peers are real `ws` clients in a child process that count what arrives; the
// server's CPU (user + system) is read around each round. The two ways alternate, and which
// goes first flips each round.
//
//   node bench/relay-send.mjs [--peers 1000] [--messages 400] [--bytes 60] [--rounds 4]
import { fork } from 'node:child_process';
import { once } from 'node:events';
import WebSocket, { Sender, WebSocketServer } from 'ws';
import { numberOption } from './lib.mjs';

const PEERS = numberOption('--peers', 1000);
const MESSAGES = numberOption('--messages', 400);
const BYTES = numberOption('--bytes', 60);
const ROUNDS = numberOption('--rounds', 4);

if (process.argv[2] === 'peers') {
	// The receiving side: PEERS sockets; tells the parent when all are open and when each round's
	// PEERS × MESSAGES messages have all arrived.
	let open = 0;
	let received = 0;
	for (let i = 0; i < PEERS; i++) {
		const ws = new WebSocket(`ws://127.0.0.1:${process.argv[3]}`);
		ws.on('open', () => ++open === PEERS && process.send('open'));
		ws.on('message', () => {
			if (++received < PEERS * MESSAGES) return;
			received = 0;
			process.send('round');
		});
	}
} else {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await once(wss, 'listening');
	const sockets = [];
	wss.on('connection', (ws) => sockets.push(ws));
	const peers = fork(new URL(import.meta.url).pathname, [
		'peers',
		String(wss.address().port),
		...process.argv.slice(2)
	]);
	await once(peers, 'message');

	const payload = new Uint8Array(BYTES).fill(7);
	const ways = {
		'ws.send to each peer': () => {
			for (const ws of sockets) ws.send(payload);
		},
		'one frame, written to each': () => {
			// ws's own framing, once: [header, payload] of an unmasked final binary frame.
			const frame = Buffer.concat(
				Sender.frame(payload, {
					fin: true,
					rsv1: false,
					opcode: 2,
					mask: false,
					readOnly: false
				})
			);
			for (const ws of sockets) ws._socket.write(frame);
		}
	};
	const perSend = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
	for (let round = 0; round < ROUNDS; round++) {
		const order = Object.entries(ways);
		if (round % 2) order.reverse();
		for (const [name, relay] of order) {
			const arrived = once(peers, 'message');
			const cpu0 = process.cpuUsage();
			for (let m = 0; m < MESSAGES; m++) {
				relay();
				// Let the sockets drain now and then, as a server between two keystrokes does.
				if (m % 20 === 19) await new Promise(setImmediate);
			}
			await arrived;
			const cpu = process.cpuUsage(cpu0);
			perSend[name].push((cpu.user + cpu.system) / (MESSAGES * PEERS));
		}
	}
	console.log(
		`${PEERS} peers, ${MESSAGES} messages of ${BYTES} bytes a round, ${ROUNDS} rounds: server CPU per message per peer`
	);
	for (const [name, values] of Object.entries(perSend)) {
		const sorted = [...values].sort((a, b) => a - b);
		console.log(
			`  ${name.padEnd(28)} median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} µs (${values.map((v) => v.toFixed(2)).join(', ')})`
		);
	}
	peers.kill();
	process.exit(0);
}
