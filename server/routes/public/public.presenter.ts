/**
 * The public view of channels and installation: public keys, departments and supervisor
 * flags so a reporter can exclude someone; never a name or an e-mail address.
 */
import { LANGS } from '../../../shared/api/common.schema';
import type { PublicChannelsResponse } from '../../../shared/api/channel.schema';
import type { PublicChannelsView } from '../../services/list-public-channels.service';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export function presentPublicChannels(view: PublicChannelsView): PublicChannelsResponse {
  const { config } = view;
  return {
    installation: {
      receiptSalt: b64(config.secrets.receiptSalt),
      receiptKdf: { memKiB: config.kdf.receipt.memKiB, passes: config.kdf.receipt.passes },
      powDifficulty: config.env.POW_DIFFICULTY,
      limits: { ...config.limits, partChunks: view.partChunks },
      deadlines: { ...view.deadlines },
      custodians: view.custodians.map((c) => ({ id: c.id, publicKey: b64(c.publicKey) })),
      languages: [...LANGS],
      site: view.site,
    },
    channels: view.channels.map((channel) => ({
      id: channel.id,
      slug: channel.slug,
      version: channel.version,
      definition: channel.definition,
      available: channel.officers.length > 0,
      officers: channel.officers.map(({ staff, supervisor }) => ({
        id: staff.id,
        department: staff.department,
        supervisor,
        publicKey: b64(staff.publicKey),
      })),
    })),
  };
}
