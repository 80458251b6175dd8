/**
 * Uploads: encrypted attachments streamed through Amana's API (the built server, `node
 * dist/server/main.js`, default configuration, disk blobs) against a raw node:http server
 * piping the same request bodies to disk, in the same run; throughput and the server's
 * resident memory (VmRSS sampled every 20 ms) at 100 MiB and at 1000 MiB. One attachment is
 * at most 100 MiB (config limits.attachmentBytes), so 1000 MiB is ten of them, back to back.
 *   node dist/bench/upload.bench.js [--large-mib=1000]
 */
import http from 'node:http';
import { numberArg } from './support/args';
import { portOf } from './support/http';
import { rssOf, sampleRss, startNode, type Child } from './support/proc';
import { runBench } from './support/report';
import { SERVER_MAIN, supportScript, tempDir } from './support/paths';
import { MiB, msSince, round, sleep } from './support/stats';
import { uploadOne, type Target } from './support/uploads';

const ATTACHMENT_MIB = 100;
const LARGE_MIB = numberArg('large-mib', 1000);
const GROWTH_LIMIT_MIB = 64;
/** each size is measured this many times, alternating peer and Amana; the median counts */
const ROUNDS = numberArg('rounds', 3);

interface Side {
  target: Target;
  child: Child;
  port: number;
  agent: http.Agent;
  baseline: number;
  uploads: number;
  pid(): number;
}

interface Phase {
  mibPerSecond: number;
  bytes: number;
  peakRss: number;
  growth: number;
}

/** the run with the median throughput */
function medianPhase(runs: Phase[]): Phase {
  const sorted = [...runs].sort((a, b) => a.mibPerSecond - b.mibPerSecond);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (!middle) throw new Error('no runs');
  return middle;
}

async function upload(side: Side, totalMib: number): Promise<Phase> {
  const sampler = sampleRss(side.pid());
  const started = process.hrtime.bigint();
  let bytes = 0;
  for (let sent = 0; sent < totalMib; sent += ATTACHMENT_MIB) {
    bytes += await uploadOne(side.target, side.port, Math.min(ATTACHMENT_MIB, totalMib - sent) * MiB, side.agent, side.uploads++);
  }
  const seconds = msSince(started) / 1000;
  const { peak } = sampler.stop();
  return { mibPerSecond: bytes / MiB / seconds, bytes, peakRss: peak, growth: peak - side.baseline };
}

runBench('upload', async (report) => {
  report.setting('attachmentMiB', ATTACHMENT_MIB);
  report.setting('largeMiB', LARGE_MIB);
  report.setting('parts', '64 chunks of 64 KiB + 16 (4 MiB), sent one at a time as the browser does');
  report.setting('server', 'node dist/server/main.js, default configuration, DATA_DIR in a temporary folder');
  report.setting('peer', 'raw node:http server piping each body to its own file, flushed before answering');
  const amanaDir = tempDir('upload-amana');
  const pipeDir = tempDir('upload-pipe');
  const sides: Side[] = [];
  try {
    const amana = startNode(SERVER_MAIN, { env: { DATA_DIR: amanaDir.dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' } });
    const pipe = startNode(supportScript('pipe-server'), { args: [pipeDir.dir] });
    for (const [target, child, ready] of [['pipe', pipe, 'pipe ready'], ['amana', amana, 'amana ready']] as const) {
      const port = portOf(await child.waitForLine((l) => l.includes(ready)));
      const side: Side = { target, child, port, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), baseline: 0, uploads: 0, pid: () => child.pid };
      // One small attachment first, so code loaded on first use is not counted as growth.
      await uploadOne(target, port, 4 * MiB, side.agent, side.uploads++);
      await sleep(500);
      side.baseline = rssOf(child.pid);
      sides.push(side);
    }
    const [peerSide, amanaSide] = sides as [Side, Side];
    for (const mib of [ATTACHMENT_MIB, LARGE_MIB]) {
      // Alternating peer and Amana, so both see the same page-cache and disk state; the
      // median of the rounds damps a colleague's test run landing on one of them.
      const peers: Phase[] = [];
      const ourRuns: Phase[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        peers.push(await upload(peerSide, mib));
        ourRuns.push(await upload(amanaSide, mib));
      }
      const peer = medianPhase(peers);
      const ours = medianPhase(ourRuns);
      report.add({
        name: `upload throughput, ${mib} MiB`,
        value: ours.mibPerSecond,
        unit: 'MiB/s',
        peer: { name: 'raw pipe to disk', value: peer.mibPerSecond, unit: 'MiB/s' },
        target: { of: 'ratio', op: '>=', value: 0.9 },
        detail: { bytes: ours.bytes, rounds: ROUNDS, amanaRuns: ourRuns.map((r) => round(r.mibPerSecond)).join(' '), peerRuns: peers.map((r) => round(r.mibPerSecond)).join(' '), peerRssPeakMiB: round(peer.peakRss / MiB), peerRssGrowthMiB: round(peer.growth / MiB) },
      });
      report.add({
        name: `server RSS growth, ${mib} MiB`,
        value: Math.max(...ourRuns.map((r) => r.growth)) / MiB,
        unit: 'MiB',
        peer: { name: 'raw pipe RSS growth', value: Math.max(...peers.map((r) => r.growth)) / MiB, unit: 'MiB' },
        target: { of: 'value', op: '<=', value: GROWTH_LIMIT_MIB },
        note: 'largest growth over the rounds, above the RSS after a first 4 MiB upload',
        detail: { baselineRssMiB: round(amanaSide.baseline / MiB), peakRssMiB: round(Math.max(...ourRuns.map((r) => r.peakRss)) / MiB) },
      });
    }
  } finally {
    for (const side of sides) side.agent.destroy();
    await Promise.all(sides.map((s) => s.child.stop()));
    amanaDir.remove();
    pipeDir.remove();
  }
});
