/**
 * Uploads: encrypted attachments streamed through Amana's API (the built server, `node
 * dist/server/main.js`, default configuration but POW_DIFFICULTY=8 and raised upload budgets, disk blobs) against a raw node:http server
 * piping the same request bodies to disk, in the same run; throughput and the server's
 * resident memory (VmRSS sampled every 20 ms) at 100 MiB and at 1000 MiB. One attachment is
 * at most 100 MiB (config limits.attachmentBytes), so 1000 MiB is ten of them, back to back.
 * The two servers take turns attachment by attachment, so a burst of disk traffic from
 * another process lands on both; each size is measured `rounds` times and the round with
 * the median ratio is reported.
 *   node dist/bench/upload.bench.js [--large-mib=1000] [--rounds=3]
 */
import http from 'node:http';
import { numberArg } from './support/args';
import { portOf } from './support/http';
import { rssOf, sampleRss, startNode } from './support/proc';
import { runBench } from './support/report';
import { SERVER_MAIN, supportScript, tempDir } from './support/paths';
import { median, MiB, msSince, round, sleep } from './support/stats';
import { uploadOne, type Target } from './support/uploads';

const ATTACHMENT_MIB = 100;
const LARGE_MIB = numberArg('large-mib', 1000);
const GROWTH_LIMIT_MIB = 64;
const ROUNDS = numberArg('rounds', 3);

interface Side {
  target: Target;
  pid: number;
  port: number;
  agent: http.Agent;
  baseline: number;
  uploads: number;
}

interface SizeResult {
  /** MiB/s of each round */
  rates: number[];
  bytes: number;
  peakRss: number;
}

/** Both sides upload `mib` per round, alternating attachment by attachment. */
async function measureSize(sides: [Side, Side], mib: number): Promise<[SizeResult, SizeResult]> {
  const results = sides.map(() => ({ rates: [] as number[], bytes: 0, peakRss: 0 })) as [SizeResult, SizeResult];
  const samplers = sides.map((s) => sampleRss(s.pid));
  for (let round = 0; round < ROUNDS; round++) {
    const seconds = [0, 0];
    const bytes = [0, 0];
    for (let sent = 0; sent < mib; sent += ATTACHMENT_MIB) {
      for (const [i, side] of sides.entries()) {
        const started = process.hrtime.bigint();
        bytes[i] = (bytes[i] ?? 0) + (await uploadOne(side.target, side.port, Math.min(ATTACHMENT_MIB, mib - sent) * MiB, side.agent, side.uploads++));
        seconds[i] = (seconds[i] ?? 0) + msSince(started) / 1000;
      }
    }
    results.forEach((r, i) => {
      r.rates.push((bytes[i] ?? 0) / MiB / (seconds[i] ?? 1));
      r.bytes = bytes[i] ?? 0;
    });
  }
  samplers.forEach((s, i) => {
    const result = results[i];
    if (result) result.peakRss = s.stop().peak;
  });
  return results;
}

runBench('upload', async (report) => {
  report.setting('attachmentMiB', ATTACHMENT_MIB);
  report.setting('largeMiB', LARGE_MIB);
  report.setting('rounds', ROUNDS);
  report.setting('parts', '64 chunks of 64 KiB + 16 (4 MiB), sent one at a time as the browser does');
  report.setting('server', 'node dist/server/main.js, default configuration but POW_DIFFICULTY=8 and upload budgets raised, DATA_DIR in a temporary folder');
  report.setting('peer', 'raw node:http server piping each body to its own file, flushed before answering');
  const amanaDir = tempDir('upload-amana');
  const pipeDir = tempDir('upload-pipe');
  const amana = startNode(SERVER_MAIN, {
    // This measures the transfer path: the proof of work each upload costs is kept cheap, and the
    // hourly byte budgets (one client here) are raised above what the rounds upload.
    env: { DATA_DIR: amanaDir.dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', POW_DIFFICULTY: '8', UPLOAD_MIB_PER_ADDRESS_HOUR: '1000000', UPLOAD_MIB_PER_HOUR: '1000000' },
  });
  const pipe = startNode(supportScript('pipe-server'), { args: [pipeDir.dir] });
  const sides: Side[] = [];
  try {
    for (const [target, child, ready] of [['pipe', pipe, 'pipe ready'], ['amana', amana, 'amana ready']] as const) {
      const port = portOf(await child.waitForLine((l) => l.includes(ready)));
      const side: Side = { target, pid: child.pid, port, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), baseline: 0, uploads: 0 };
      // One small attachment first, so code loaded on first use is not counted as growth.
      await uploadOne(target, port, 4 * MiB, side.agent, side.uploads++);
      sides.push(side);
    }
    await sleep(500);
    for (const side of sides) side.baseline = rssOf(side.pid);
    const [peerSide, amanaSide] = sides as [Side, Side];
    for (const mib of [ATTACHMENT_MIB, LARGE_MIB]) {
      const [peer, ours] = await measureSize([peerSide, amanaSide], mib);
      // The pair of the round with the median ratio: both sides of a round met the same disk.
      const ratios = ours.rates.map((rate, i) => rate / (peer.rates[i] ?? Number.NaN));
      const pick = ratios.indexOf(median(ratios));
      const runs = (r: SizeResult): string => r.rates.map((x) => round(x)).join(' ');
      report.add({
        name: `upload throughput, ${mib} MiB`,
        value: ours.rates[pick] ?? Number.NaN,
        unit: 'MiB/s',
        peer: { name: 'raw pipe to disk', value: peer.rates[pick] ?? Number.NaN, unit: 'MiB/s' },
        target: { of: 'ratio', op: '>=', value: 0.9 },
        note: `round with the median ratio of ${ROUNDS}; ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}`,
        detail: { bytes: ours.bytes, amanaRuns: runs(ours), peerRuns: runs(peer) },
      });
      report.add({
        name: `server RSS growth, ${mib} MiB`,
        value: (ours.peakRss - amanaSide.baseline) / MiB,
        unit: 'MiB',
        peer: { name: 'raw pipe RSS growth', value: (peer.peakRss - peerSide.baseline) / MiB, unit: 'MiB' },
        target: { of: 'value', op: '<=', value: GROWTH_LIMIT_MIB },
        note: 'peak over the rounds, above the RSS after a first 4 MiB upload',
        detail: { baselineRssMiB: round(amanaSide.baseline / MiB), peakRssMiB: round(ours.peakRss / MiB) },
      });
    }
  } finally {
    for (const side of sides) side.agent.destroy();
    await Promise.all([amana.stop(), pipe.stop()]);
    amanaDir.remove();
    pipeDir.remove();
  }
});
