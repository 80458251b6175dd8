/**
 * The peer of the upload benchmark: a raw node:http server that pipes each PUT body to its
 * own file, with the same durability as Amana's disk blob store (the write is flushed to
 * disk before the answer), so the ratio measures what Amana adds, not the fsync.
 * argv[2] is the folder to write into.
 */
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const dir = process.argv[2];
if (!dir) throw new Error('usage: pipe-server <folder>');
let count = 0;

const server = http.createServer((req, res) => {
  count += 1;
  const file = path.join(dir, `part-${count}.bin`);
  pipeline(req, createWriteStream(file, { flags: 'wx', flush: true })).then(
    () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
    () => res.writeHead(500).end(),
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ msg: 'pipe ready', port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
