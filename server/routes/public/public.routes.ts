/**
 * Unauthenticated reads a reporter's browser makes before writing: the channels with their
 * officers' public keys, and a proof-of-work challenge.
 */
import { Router } from 'express';
import type { ApiContext } from '../api-context';
import { listPublicChannels } from '../../services/list-public-channels.service';
import { presentPublicChannels } from './public.presenter';

export function publicRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.get('/public/channels', ctx.limiter.limit('read'), async (_req, res) => {
    res.json(presentPublicChannels(await listPublicChannels(ctx)));
  });

  router.get('/pow', ctx.limiter.limit('pow'), (_req, res) => {
    res.json(ctx.pow.issue(ctx.now()));
  });

  return router;
}
