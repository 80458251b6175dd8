import { Writable } from 'node:stream';
import { createLogger, type LogFields } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: createLogger('debug', stream) };
}

describe('logger allow-list', () => {
  it('drops fields that are not ids, whatever the caller passes', () => {
    const { lines, logger } = capture();
    const sneaky = { caseId: 'c1', ip: '198.51.100.4', userAgent: 'Mozilla/5.0', email: 'someone@example.org', body: 'canary' } as LogFields;
    logger.info(sneaky, 'hello');
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry.caseId).toBe('c1');
    expect(entry.msg).toBe('hello');
    for (const key of ['ip', 'userAgent', 'email', 'body', 'hostname', 'pid']) expect(entry).not.toHaveProperty(key);
    expect(lines.join('')).not.toMatch(/198\.51\.100\.4|Mozilla|example\.org|canary/);
  });

  it('caps string fields so a body cannot be smuggled in an allowed field', () => {
    const { lines, logger } = capture();
    logger.child({ jobId: 'j'.repeat(500) }).warn({ errorCode: 'E'.repeat(500) }, 'capped');
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, string>;
    expect(entry.jobId).toHaveLength(120);
    expect(entry.errorCode).toHaveLength(120);
  });
});
