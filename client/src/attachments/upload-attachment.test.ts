import { loadAmanaCrypto } from '../../../shared/crypto/index';
import { ApiFailure } from '../api/http';
import { createAttachment, putAttachmentPart } from '../api/reporter-api';
import { cipherLayout, uploadAttachment, withRetry } from './upload-attachment';

jest.mock('../api/reporter-api', () => ({ createAttachment: jest.fn(), putAttachmentPart: jest.fn(), attachmentState: jest.fn() }));
const createMock = createAttachment as jest.MockedFunction<typeof createAttachment>;
const putMock = putAttachmentPart as jest.MockedFunction<typeof putAttachmentPart>;

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

describe('uploadAttachment', () => {
  beforeEach(() => {
    createMock.mockReset();
    putMock.mockReset();
    putMock.mockResolvedValue({});
  });

  const options = (pow: () => Promise<{ challenge: string; nonce: string }>) => ({
    partChunks: 64, token: null, signal: new AbortController().signal, onProgress: () => undefined, pow,
  });

  it('announces the upload with a proof of work and sends the chunks only, the header kept for the descriptor', async () => {
    createMock.mockResolvedValue({ id: 'a1', parts: 1, received: [], complete: false });
    const pow = jest.fn(async () => ({ challenge: 'c1', nonce: '7' }));
    const uploaded = await uploadAttachment(await loadAmanaCrypto(), new Blob([new Uint8Array(10)]), options(pow));
    expect(createMock).toHaveBeenCalledWith({ size: CIPHER, parts: 1, pow: { challenge: 'c1', nonce: '7' } }, null, expect.anything());
    expect(putMock.mock.calls.map((c) => [c[0], c[1], c[2].length])).toEqual([['a1', 0, CIPHER]]);
    expect(uploaded.header.length).toBe(17);
  });

  it('solves a fresh proof of work once when the announcement finds its solution spent or expired', async () => {
    createMock.mockRejectedValueOnce(new ApiFailure('pow_invalid', 400, 'used')).mockResolvedValue({ id: 'a2', parts: 1, received: [], complete: false });
    let n = 0;
    const pow = jest.fn(async () => ({ challenge: `c${++n}`, nonce: '1' }));
    await uploadAttachment(await loadAmanaCrypto(), new Blob([new Uint8Array(10)]), options(pow));
    expect(createMock.mock.calls.map((c) => c[0].pow.challenge)).toEqual(['c1', 'c2']);

    createMock.mockReset();
    createMock.mockRejectedValue(new ApiFailure('pow_invalid', 400, 'used'));
    await expect(uploadAttachment(await loadAmanaCrypto(), new Blob([new Uint8Array(10)]), options(pow))).rejects.toThrow('used');
    expect(createMock).toHaveBeenCalledTimes(2);
    expect(putMock).toHaveBeenCalledTimes(1);
  });
});
