/** Path parameters of the staff, case and identity-request routes. */
import { z } from 'zod';
import { id, uuid } from '../../../shared/api/common.schema';

export const idParams = z.object({ id }).strict();
export const casePartParams = z.object({ id, attachmentId: uuid, index: z.coerce.number().int().min(0).max(1_000_000) }).strict();
