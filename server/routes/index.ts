/**
 * All API routers, mounted under /api/v1 by app.ts. One folder per API area, each with
 * its routes and zod schemas.
 */
import type { Router } from 'express';
import type { Container } from '../container';

export function buildApi(_container: Container): Router[] {
  return [];
}
