import { fromB64, toB64 } from '../../../shared/api/common.schema';
import { verifyPow } from '../../../shared/crypto/index';
import { fetchPow } from '../api/reporter-api';
import { solveAhead, stopAhead, takeSolution, takeUploadSolution } from './pow-ahead';

jest.mock('../api/reporter-api', () => ({ fetchPow: jest.fn() }));
const fetchPowMock = fetchPow as jest.MockedFunction<typeof fetchPow>;

let issued = 0;
beforeEach(() => {
  issued = 0;
  fetchPowMock.mockReset();
  fetchPowMock.mockImplementation(async () => {
    issued += 1;
    const bytes = new Uint8Array(32).fill(issued);
    return { challenge: toB64(bytes), difficulty: 6 } as Awaited<ReturnType<typeof fetchPow>>;
  });
});
afterEach(() => {
  stopAhead();
  jest.useRealTimers();
});

const valid = (s: { challenge: string; nonce: string }) => verifyPow(fromB64(s.challenge), s.nonce, 6);

test('a solution solved ahead is the one taken, once; the next submission solves its own', async () => {
  solveAhead();
  solveAhead(); // started once only
  const first = await takeSolution(new AbortController().signal);
  expect(fetchPowMock).toHaveBeenCalledTimes(1);
  expect(await valid(first)).toBe(true);
  const second = await takeSolution(new AbortController().signal);
  expect(fetchPowMock).toHaveBeenCalledTimes(2);
  expect(second.challenge).not.toBe(first.challenge);
  expect(await valid(second)).toBe(true);
});

test('a solution older than seven minutes is not sent: a fresh one is solved', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  solveAhead();
  jest.setSystemTime(Date.now() + 7 * 60 * 1000 + 1);
  const taken = await takeSolution(new AbortController().signal);
  expect(fetchPowMock).toHaveBeenCalledTimes(2);
  expect(taken.challenge).toBe(toB64(new Uint8Array(32).fill(2)));
});

test('a failed solve ahead is not fatal: the submission solves its own', async () => {
  fetchPowMock.mockRejectedValueOnce(new Error('offline'));
  solveAhead();
  const taken = await takeSolution(new AbortController().signal);
  expect(await valid(taken)).toBe(true);
  expect(fetchPowMock).toHaveBeenCalledTimes(2);
});

test('a file added while the form solves ahead takes that solution, and the form starts the next one for the report', async () => {
  solveAhead();
  const upload = await takeUploadSolution(new AbortController().signal);
  expect(await valid(upload)).toBe(true);
  expect(upload.challenge).toBe(toB64(new Uint8Array(32).fill(1)));
  expect(fetchPowMock).toHaveBeenCalledTimes(2);
  const report = await takeSolution(new AbortController().signal);
  expect(fetchPowMock).toHaveBeenCalledTimes(2);
  expect(report.challenge).toBe(toB64(new Uint8Array(32).fill(2)));
  expect(await valid(report)).toBe(true);
});

test('an upload outside the report form (a reply) solves its own and leaves nothing running', async () => {
  const upload = await takeUploadSolution(new AbortController().signal);
  expect(await valid(upload)).toBe(true);
  expect(fetchPowMock).toHaveBeenCalledTimes(1);
  await takeSolution(new AbortController().signal);
  expect(fetchPowMock).toHaveBeenCalledTimes(2);
});
