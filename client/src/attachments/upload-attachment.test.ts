import { ApiFailure } from '../api/http';
import { cipherLayout, withRetry } from './upload-attachment';

const CHUNK = 64 * 1024;
const CIPHER = CHUNK + 16;

describe('cipherLayout', () => {
  it('always ends with a partial chunk that carries the padding', () => {
    expect(cipherLayout(0, 64)).toEqual({ chunks: 1, bytes: CIPHER, parts: 1 });
    expect(cipherLayout(CHUNK - 1, 64)).toEqual({ chunks: 1, bytes: CIPHER, parts: 1 });
    expect(cipherLayout(CHUNK, 64)).toEqual({ chunks: 2, bytes: 2 * CIPHER, parts: 1 });
    expect(cipherLayout(64 * CHUNK, 64)).toEqual({ chunks: 65, bytes: 65 * CIPHER, parts: 2 });
  });
});

describe('withRetry', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('retries transient failures with backoff, then succeeds', async () => {
    let calls = 0;
    const retries: number[] = [];
    const promise = withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw new ApiFailure('network', 0, 'down');
        return 'ok';
      },
      new AbortController().signal,
      () => retries.push(calls),
    );
    await jest.advanceTimersByTimeAsync(1000);
    await jest.advanceTimersByTimeAsync(2000);
    await expect(promise).resolves.toBe('ok');
    expect(retries).toEqual([1, 2]);
  });

  it('does not retry a refusal', async () => {
    let calls = 0;
    const attempt = async () => {
      calls += 1;
      throw new ApiFailure('attachment_too_large', 413, 'too large');
    };
    await expect(withRetry(attempt, new AbortController().signal, () => undefined)).rejects.toThrow('too large');
    expect(calls).toBe(1);
  });
});
