/**
 * `expect(p).rejects.toThrow()` checks `instanceof Error` against the test file's own realm.
 * better-sqlite3 registers its error class with the native addon once per process (from the
 * first test file that loads it), so in later files of the same jest worker its errors are
 * Errors of another realm and toThrow() calls them "not thrown". This asserts the same thing
 * without depending on the realm: the promise rejects, with an error carrying a message.
 */
export async function expectRejection(promise: Promise<unknown>): Promise<{ message: string }> {
  let outcome: { rejected: true; error: unknown } | { rejected: false } = { rejected: false };
  try {
    await promise;
  } catch (error) {
    outcome = { rejected: true, error };
  }
  expect(outcome.rejected).toBe(true);
  const error = outcome.rejected ? outcome.error : null;
  const { message, stack } = (error ?? {}) as { message?: unknown; stack?: unknown };
  // better-sqlite3's SqliteError is an Error by prototype, not by internal slot, so the
  // check is on what every error has: a message and a captured stack.
  expect(typeof message).toBe('string');
  expect(typeof stack).toBe('string');
  return { message: message as string };
}
