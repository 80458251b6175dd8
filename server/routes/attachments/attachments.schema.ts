/**
 * Path parameters of the attachment routes. Ids are server-made UUIDs and indexes small
 * integers; anything else is refused before it can reach a blob key.
 */
import { z } from 'zod';
import { uuid } from '../../../shared/api/common.schema';

export const attachmentParams = z.object({ id: uuid });

export const partParams = z.object({
  id: uuid,
  index: z.string().regex(/^(0|[1-9]\d{0,5})$/, 'must be a part number').transform(Number),
});
export type PartParams = z.infer<typeof partParams>;
