/**
 * Route schemas of the administration API. Bodies are the wire contract's
 * (shared/api/admin.schema.ts), except that a definition is taken as it comes and checked
 * by check-definition.ts, so a missing translation is answered `label_missing` with its
 * path rather than a generic shape error.
 */
import { z } from 'zod';
import { adminChannelCreate, adminChannelUpdate } from '../../../shared/api/admin.schema';
import { id } from '../../../shared/api/common.schema';

export const channelCreateBody = adminChannelCreate.extend({ definition: z.unknown() }).strict();
export const channelUpdateBody = adminChannelUpdate.extend({ definition: z.unknown() }).strict();
export const recipientsQuery = z.object({ category: z.string().regex(/^[a-z0-9_]{1,40}$/).optional() }).strict();
export const readinessParams = z.object({ item: z.string().min(1).max(40) }).strict();
export const versionParams = z.object({ id, version: z.coerce.number().int().positive().max(1_000_000) }).strict();
