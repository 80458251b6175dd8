import { fromB64, toB64 } from '../../../shared/api/common.schema';
import { verifyPow } from '../../../shared/crypto/index';
import { ApiFailure } from '../api/http';
import { fetchPow, openSession } from '../api/reporter-api';
import { openSessionWithWork } from './open-case';

jest.mock('../api/reporter-api', () => ({ fetchPow: jest.fn(), openSession: jest.fn(), fetchCase: jest.fn() }));
const fetchPowMock = fetchPow as jest.MockedFunction<typeof fetchPow>;
const openSessionMock = openSession as jest.MockedFunction<typeof openSession>;

const session = { token: 't', expiresAt: '2026-01-01T00:00:00.000Z' };
const failure = (id: string, status: number) => new ApiFailure(id, status, id);

let issued = 0;
beforeEach(() => {
  issued = 0;
  fetchPowMock.mockReset();
  openSessionMock.mockReset();
  fetchPowMock.mockImplementation(async () => {
    issued += 1;
    return { challenge: toB64(new Uint8Array(32).fill(issued)), difficulty: 6, expiresAt: '2026-01-01T00:00:00.000Z' };
  });
});

test('signs in without work while the server does not ask for it', async () => {
  openSessionMock.mockResolvedValueOnce(session);
  expect(await openSessionWithWork('secret')).toEqual(session);
  expect(openSessionMock.mock.calls).toEqual([['secret']]);
  expect(fetchPowMock).not.toHaveBeenCalled();
});

test('answers pow_required with a solved challenge, and an expired one with a fresh one', async () => {
  openSessionMock
    .mockRejectedValueOnce(failure('pow_required', 428))
    .mockRejectedValueOnce(failure('pow_invalid', 400))
    .mockResolvedValueOnce(session);
  expect(await openSessionWithWork('secret')).toEqual(session);
  const sent = openSessionMock.mock.calls.map((call) => call[1]);
  expect(sent[0]).toBeUndefined();
  expect(sent[1]?.challenge).toBe(toB64(new Uint8Array(32).fill(1)));
  expect(sent[2]?.challenge).toBe(toB64(new Uint8Array(32).fill(2)));
  for (const pow of [sent[1]!, sent[2]!]) expect(await verifyPow(fromB64(pow.challenge), pow.nonce, 6)).toBe(true);
});

test('passes other failures on: a wrong receipt stays a wrong receipt, with or without work', async () => {
  openSessionMock.mockRejectedValueOnce(failure('receipt_invalid', 401));
  await expect(openSessionWithWork('secret')).rejects.toMatchObject({ id: 'receipt_invalid' });
  openSessionMock.mockRejectedValueOnce(failure('pow_required', 428)).mockRejectedValueOnce(failure('receipt_invalid', 401));
  await expect(openSessionWithWork('secret')).rejects.toMatchObject({ id: 'receipt_invalid' });
  expect(fetchPowMock).toHaveBeenCalledTimes(1);
});
