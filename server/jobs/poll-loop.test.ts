import { setTimeout as sleep } from 'node:timers/promises';
import { PollLoop } from './poll-loop';

/** a tick that counts its runs and waits for `release` while `hold` is set */
function countingTick(): { tick: () => Promise<void>; runs: () => number; hold: () => () => void } {
  let runs = 0;
  let gate: Promise<void> | null = null;
  return {
    tick: async () => {
      runs += 1;
      if (gate) await gate;
    },
    runs: () => runs,
    hold: () => {
      let open!: () => void;
      gate = new Promise<void>((resolve) => (open = resolve));
      return () => {
        gate = null;
        open();
      };
    },
  };
}

/** a started loop whose first tick is running and waits for `release` */
async function inFirstTick(intervalMs: number): Promise<{ loop: PollLoop; runs: () => number; release: () => void }> {
  const t = countingTick();
  const loop = new PollLoop(t.tick, () => intervalMs);
  const release = t.hold();
  loop.start();
  await sleep(5);
  expect(t.runs()).toBe(1);
  return { loop, runs: t.runs, release };
}

describe('PollLoop', () => {
  it('ticks at start, then every interval, and not before start()', async () => {
    const t = countingTick();
    const loop = new PollLoop(t.tick, () => 20);
    loop.wake();
    await sleep(30);
    expect(t.runs()).toBe(0);
    loop.start();
    loop.start();
    await sleep(5);
    expect(t.runs()).toBe(1);
    await sleep(50);
    expect(t.runs()).toBeGreaterThanOrEqual(2);
    await loop.stop();
  });

  it('runs again right after a tick that was woken while it ran', async () => {
    const { loop, runs, release } = await inFirstTick(60_000);
    loop.wake();
    loop.wake();
    expect(runs()).toBe(1);
    release();
    await sleep(10);
    expect(runs()).toBe(2);
    await loop.stop();
  });

  it('stop() waits for the running tick and no tick starts after it', async () => {
    const { loop, runs, release } = await inFirstTick(5);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    loop.wake();
    await sleep(5);
    expect(stopped).toBe(false);
    release();
    await stopping;
    await sleep(20);
    expect(runs()).toBe(1);
  });
});
