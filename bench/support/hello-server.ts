/**
 * The peer of the intake and start-up benchmarks: Express's hello world, in its own process
 * like Amana's server, on the same Express version. Prints one JSON ready line with its port.
 */
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.send('Hello World!');
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ msg: 'hello ready', port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
