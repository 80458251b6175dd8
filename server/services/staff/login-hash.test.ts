import { AppError } from '../../errors';
import { HashGate, hashLoginSecret, verifyLoginSecret } from './login-hash';

describe('HashGate', () => {
  it('runs up to its slots at once and refuses the next one at once with busy', async () => {
    const gate = new HashGate(2);
    const release: Array<() => void> = [];
    const held = () => gate.run(() => new Promise<void>((resolve) => release.push(resolve)));
    const first = held();
    const second = held();
    expect(gate.busy).toBe(2);
    // Both slots stay held until release() below: answering at all proves the refusal did
    // not wait for a slot (a clock reading would only measure how busy the machine is).
    const refused = await gate.run(async () => 'ran').catch((err: unknown) => err);
    expect(gate.busy).toBe(2);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ id: 'busy', status: 503, details: { retryAfter: 1 } });
    release.forEach((r) => r());
    await Promise.all([first, second]);
    expect(gate.busy).toBe(0);
    await expect(gate.run(async () => 'ran')).resolves.toBe('ran');
  });

  it('lets work that must not be refused wait for a slot, keeping the slot count', async () => {
    const gate = new HashGate(1);
    let releaseFirst = (): void => undefined;
    const first = gate.run(() => new Promise<string>((resolve) => (releaseFirst = () => resolve('first'))));
    const order: string[] = [];
    const queued = gate.queue(async () => {
      order.push('queued ran');
      return 'queued';
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    await expect(gate.run(async () => 'sign-in')).rejects.toMatchObject({ id: 'busy' });
    releaseFirst();
    await expect(first).resolves.toBe('first');
    await expect(queued).resolves.toBe('queued');
    expect(gate.busy).toBe(0);
  });

  it('frees its slot when the work fails', async () => {
    const gate = new HashGate(1);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.busy).toBe(0);
  });
});

describe('login hash', () => {
  it('verifies the secret it hashed and nothing else', async () => {
    const secret = new Uint8Array(32).fill(7);
    const hash = await hashLoginSecret(secret);
    await expect(verifyLoginSecret(hash, secret)).resolves.toBe(true);
    await expect(verifyLoginSecret(hash, new Uint8Array(32).fill(8))).resolves.toBe(false);
    await expect(verifyLoginSecret(null, secret)).resolves.toBe(false);
  });
});
