/**
 * TOTP against the published vectors: RFC 6238 appendix B (SHA-1, 8 digits, seed
 * "12345678901234567890"), RFC 4226 appendix D for HOTP, and RFC 4648 for base32.
 */
import { base32Encode, hotp, matchTotp, otpauthUri, totpAt, totpStep } from '../../server/services/totp';

const seed = new Uint8Array(Buffer.from('12345678901234567890', 'ascii'));

describe('TOTP', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches RFC 6238 at T=%i', (seconds, code) => {
    expect(totpAt(seed, seconds * 1000, 8)).toBe(code);
    // The 6-digit code the app shows is the same number modulo 10^6.
    expect(totpAt(seed, seconds * 1000)).toBe(code.slice(2));
  });

  it('matches RFC 4226 HOTP values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(seed, counter))).toEqual(expected);
  });

  it('encodes base32 as RFC 4648', () => {
    const enc = (s: string) => base32Encode(new Uint8Array(Buffer.from(s, 'ascii')));
    expect(enc('f')).toBe('MY');
    expect(enc('foobar')).toBe('MZXW6YTBOI');
    expect(enc('12345678901234567890')).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('accepts one step of drift either way and nothing further', () => {
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    expect(matchTotp(seed, totpAt(seed, now), now)).toBe(step);
    expect(matchTotp(seed, totpAt(seed, now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(seed, totpAt(seed, now + 30_000), now)).toBe(step + 1);
    expect(matchTotp(seed, totpAt(seed, now - 60_000), now)).toBeNull();
    expect(matchTotp(seed, totpAt(seed, now + 60_000), now)).toBeNull();
    const window = [-30_000, 0, 30_000].map((d) => totpAt(seed, now + d));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !window.includes(c)) ?? '';
    expect(matchTotp(seed, wrong, now)).toBeNull();
  });

  it('writes an otpauth URI authenticators read', () => {
    const uri = new URL(otpauthUri(seed, 'a@commune.example', 'Amana'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
  });
});
