/**
 * One zod schema per route. `validate` parses body, query or params and turns the first
 * issue into a 400 `validation_failed` naming the field; handlers read `res.locals.input`.
 */
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { EnvelopeInvalid, ValidationFailed } from '../errors';

type Part = 'body' | 'query' | 'params';

export function validate<S extends z.ZodTypeAny>(schema: S, part: Part = 'body') {
  return (req: Request, res: Response, next: NextFunction): void => {
    const result = schema.safeParse(req[part]);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.join('.') : part;
      // Ciphertext fields (common.schema ciphertext()) mark their refusals with a stable reason.
      const envelope = issue?.code === 'custom' ? (issue.params as { envelope?: unknown } | undefined)?.envelope : undefined;
      next(typeof envelope === 'string' ? EnvelopeInvalid(field, envelope) : ValidationFailed(field, issue?.message ?? 'invalid'));
      return;
    }
    res.locals[part] = result.data;
    next();
  };
}

/** Typed access to what validate() stored. */
export function input<S extends z.ZodTypeAny>(res: Response, _schema: S, part: Part = 'body'): z.output<S> {
  return res.locals[part] as z.output<S>;
}
