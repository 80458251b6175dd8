/**
 * Policy settings: documented in the README and changed in code review, not at deploy time.
 * Free of Node imports, so the browser bundle can import the same numbers (the receipt
 * derivation floor) instead of copying them.
 */
export const settings = {
  deadlines: { acknowledgeDays: 7, feedbackDays: 90 },
  limits: {
    attachmentBytes: 100 * 1024 * 1024,
    attachmentsPerReport: 20,
    chunkBytes: 64 * 1024,
    reportBytes: 256 * 1024,
    // One byte under 64 KiB: padding adds at least one byte, and the 65,536-byte bucket is the
    // largest a 128 KiB message envelope holds (config/settings.test.ts checks both limits).
    messageBytes: 64 * 1024 - 1,
  },
  // The receipt's 66 bits of entropy carry its strength; the stretching only has to finish
  // in seconds in a browser without WebAssembly or JIT (Tor Browser "Safer").
  kdf: { receipt: { memKiB: 8 * 1024, passes: 2 }, staff: { memKiB: 64 * 1024, passes: 3 } },
  // reconcileMs: how often the BullMQ relay checks that Redis still holds every relayed, unfinished job
  jobs: { attempts: 8, backoffMs: 2000, pollMs: 250, reconcileMs: 60_000 },
  retention: { closedCaseMonths: 12, abandonedUploadHours: 24 },
  statistics: { k: 5 },
} as const;
