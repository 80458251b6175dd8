/** The plaintext limits the installation advertises must fit the server's envelope limits, to the byte. */
import { CIPHERTEXT_RULES } from '../shared/crypto/envelope-check';
import { ENVELOPE_OVERHEAD } from '../shared/crypto/envelope';
import { paddedLength } from '../shared/crypto/padding';
import { settings } from './settings';

const envelopeBytes = (plaintextBytes: number) => paddedLength(plaintextBytes) + ENVELOPE_OVERHEAD;

it.each([
  ['report', settings.limits.reportBytes, CIPHERTEXT_RULES.reportBody.maxBytes],
  ['reporter message', settings.limits.messageBytes, CIPHERTEXT_RULES.reporterMessage.maxBytes],
  ['staff message', settings.limits.messageBytes, CIPHERTEXT_RULES.staffMessage.maxBytes],
])('a %s of the largest advertised plaintext still fits its envelope limit', (_what, plaintext, envelopeMax) => {
  expect(envelopeBytes(plaintext)).toBeLessThanOrEqual(envelopeMax);
});
