/** A message that opens is shown only when it is a message as PROTOCOL defines it; its files only when they match the case. */
import { toB64 } from '../../../shared/api/common.schema';
import { loadAmanaCrypto, type AmanaCrypto } from '../../../shared/crypto/index';
import type { AttachmentDescriptor } from '../../../shared/protocol/report-body';
import { decryptMessageBody, encryptMessage } from './case-content';
import { descriptorProblems } from './check-descriptor';

let crypto: AmanaCrypto;
beforeAll(async () => {
  crypto = await loadAmanaCrypto('libsodium');
});

const ID = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
function sealed(key: Uint8Array, text: string) {
  return toB64(crypto.encryptEnvelope(key, new TextEncoder().encode(text), ID, 'message'));
}

describe('reading a decrypted message', () => {
  it('reads a well-formed message', () => {
    const key = crypto.randomBytes(32);
    const message = encryptMessage(crypto, key, { v: 1, text: 'Merci', attachments: [] }, 65536, 'message');
    expect(decryptMessageBody(crypto, key, message.id, message.body, 'message')).toEqual({ body: { v: 1, text: 'Merci', attachments: [] }, malformed: false });
  });

  it('flags content that opens but is not a message, instead of showing it raw', () => {
    const key = crypto.randomBytes(32);
    for (const text of ['<b>plain text</b>', '{"v":2,"text":"x","attachments":[]}', '{"v":1,"text":5,"attachments":[]}', '[1,2]', '{"v":1,"text":"x","attachments":[{"name":1}]}']) {
      expect(decryptMessageBody(crypto, key, ID, sealed(key, text), 'message')).toEqual({ body: null, malformed: true });
    }
  });

  it('tells a message that does not open apart from a malformed one', () => {
    const key = crypto.randomBytes(32);
    expect(decryptMessageBody(crypto, crypto.randomBytes(32), ID, sealed(key, '{}'), 'message')).toEqual({ body: null, malformed: false });
  });

  it('flags a file the case does not hold or whose key cannot be right', () => {
    const d: AttachmentDescriptor = { attachmentId: ID, name: 'a', type: '', size: 1, fileKey: toB64(new Uint8Array(32)), header: toB64(new Uint8Array(17)), questionId: null };
    expect(descriptorProblems(d, new Set([ID]))).toEqual([]);
    expect(descriptorProblems(d, new Set())).toEqual(['not_on_case']);
    expect(descriptorProblems({ ...d, fileKey: toB64(new Uint8Array(31)) }, new Set([ID]))).toEqual(['bad_key']);
    expect(descriptorProblems({ ...d, header: 'not base64!' }, new Set([ID]))).toEqual(['bad_key']);
    expect(descriptorProblems({ ...d, size: -1 }, new Set([ID]))).toEqual(['bad_key']);
  });
});
