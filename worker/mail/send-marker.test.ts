import type { MarkerRepo } from '../../server/ports/store.port';
import { claimSend, failureMarker, recordSendFailure, sendMarker } from './send-marker';

function memoryMarkers(): Pick<MarkerRepo, 'claim' | 'has'> & { keys: Set<string> } {
  const keys = new Set<string>();
  return {
    keys,
    async claim(key) {
      if (keys.has(key)) return false;
      keys.add(key);
      return true;
    },
    async has(key) {
      return keys.has(key);
    },
  };
}

const AT = new Date('2026-01-01T00:00:00Z');

describe('send markers', () => {
  it('gives the first run the plain mail:<jobId> claim and nobody else any', async () => {
    const markers = memoryMarkers();
    expect(await claimSend(markers, 'mail.notify:c:new-case:s', AT)).toEqual({ jobId: 'mail.notify:c:new-case:s', generation: 0 });
    expect(markers.keys.has('mail:mail.notify:c:new-case:s')).toBe(true);
    // A second run (retry after success, or after a crash between claim and send) gets nothing.
    expect(await claimSend(markers, 'mail.notify:c:new-case:s', AT)).toBeNull();
  });

  it('opens exactly one new generation per recorded failure', async () => {
    const markers = memoryMarkers();
    const first = await claimSend(markers, 'j', AT);
    if (!first) throw new Error('claim');
    await recordSendFailure(markers, first, AT);
    const second = await claimSend(markers, 'j', AT);
    expect(second).toEqual({ jobId: 'j', generation: 1 });
    expect(await claimSend(markers, 'j', AT)).toBeNull();
    expect(markers.keys).toEqual(new Set([sendMarker('j'), failureMarker('j', 0), sendMarker('j', 1)]));
  });

  it('keeps generations apart from other jobs', async () => {
    const markers = memoryMarkers();
    expect(await claimSend(markers, 'a', AT)).not.toBeNull();
    expect(await claimSend(markers, 'b', AT)).not.toBeNull();
    expect(sendMarker('a', 2)).not.toBe(sendMarker('b', 2));
  });
});
