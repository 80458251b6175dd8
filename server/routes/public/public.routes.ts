/**
 * Unauthenticated reads a reporter's browser makes before writing: the channels with their
 * officers' public keys, the organisation's logo, and a proof-of-work challenge.
 */
import { Router } from 'express';
import type { ApiContext } from '../api-context';
import { mustReadLogo } from '../../services/admin/logo';
import { listPublicChannels } from '../../services/list-public-channels.service';
import { presentPublicChannels } from './public.presenter';

export function publicRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.get('/public/channels', ctx.limiter.limit('read'), async (_req, res) => {
    res.json(presentPublicChannels(await listPublicChannels(ctx)));
  });

  router.get('/public/logo', ctx.limiter.limit('read'), async (_req, res) => {
    const logo = await mustReadLogo(ctx.store);
    // The type was decided from the bytes at upload; nosniff (helmet, set again here) keeps
    // a browser from reading it as anything else, and no-cache lets a new logo show at once.
    res.setHeader('Content-Type', logo.type);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Disposition', 'inline; filename="logo"');
    res.send(logo.bytes);
  });

  router.get('/pow', ctx.limiter.limit('pow'), (_req, res) => {
    res.json(ctx.pow.issue(ctx.now()));
  });

  return router;
}
