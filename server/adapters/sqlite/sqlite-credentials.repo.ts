/**
 * Staff second factors and failed sign-ins on SQLite. Every check-and-change is a single
 * statement (an upsert with a condition, or a DELETE counted by `changes`), so a TOTP step or
 * a recovery code is accepted once even when two sign-ins race.
 */
import type { CredentialRepo, StaffCredentials } from '../../ports/store.port';
import { dateOrNull, ms, writeTransaction, type Db } from './sqlite-db';

interface CredentialRow {
  staff_id: string;
  recovery_hash: string | null;
  totp_last_step: number;
  failed_logins: number;
  locked_until: number | null;
}

export class SqliteCredentialRepo implements CredentialRepo {
  private readonly sql;
  private readonly enrolTx: (staffId: string, recoveryHash: string, codes: string[], step: number) => void;

  constructor(db: Db) {
    this.sql = {
      get: db.prepare<[string], CredentialRow>('SELECT * FROM staff_credentials WHERE staff_id = ?'),
      enrol: db.prepare<[string, string, number]>(
        `INSERT INTO staff_credentials (staff_id, recovery_hash, totp_last_step, failed_logins, locked_until) VALUES (?, ?, ?, 0, NULL)
         ON CONFLICT(staff_id) DO UPDATE SET recovery_hash = excluded.recovery_hash, totp_last_step = excluded.totp_last_step,
           failed_logins = 0, locked_until = NULL`,
      ),
      clearCodes: db.prepare<[string]>('DELETE FROM staff_recovery_codes WHERE staff_id = ?'),
      addCode: db.prepare<[string, string]>('INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (?, ?)'),
      useCode: db.prepare<[string, string]>('DELETE FROM staff_recovery_codes WHERE staff_id = ? AND code_hash = ?'),
      countCodes: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM staff_recovery_codes WHERE staff_id = ?'),
      useStep: db.prepare<[string, number]>(
        `INSERT INTO staff_credentials (staff_id, totp_last_step) VALUES (?, ?)
         ON CONFLICT(staff_id) DO UPDATE SET totp_last_step = excluded.totp_last_step WHERE totp_last_step < excluded.totp_last_step`,
      ),
      fail: db.prepare<[string], { failed_logins: number }>(
        `INSERT INTO staff_credentials (staff_id, failed_logins) VALUES (?, 1)
         ON CONFLICT(staff_id) DO UPDATE SET failed_logins = failed_logins + 1 RETURNING failed_logins`,
      ),
      lock: db.prepare<[number, string]>('UPDATE staff_credentials SET locked_until = ? WHERE staff_id = ?'),
      clear: db.prepare<[string]>('UPDATE staff_credentials SET failed_logins = 0, locked_until = NULL WHERE staff_id = ?'),
    };
    this.enrolTx = writeTransaction(db, (staffId: string, recoveryHash: string, codes: string[], step: number) => {
      this.sql.enrol.run(staffId, recoveryHash, step);
      this.sql.clearCodes.run(staffId);
      for (const code of codes) this.sql.addCode.run(staffId, code);
    });
  }

  async get(staffId: string): Promise<StaffCredentials> {
    const row = this.sql.get.get(staffId);
    if (!row) return { staffId, recoveryHash: null, totpLastStep: 0, failedLogins: 0, lockedUntil: null };
    return {
      staffId,
      recoveryHash: row.recovery_hash,
      totpLastStep: row.totp_last_step,
      failedLogins: row.failed_logins,
      lockedUntil: dateOrNull(row.locked_until),
    };
  }

  async enrol(staffId: string, recoveryHash: string, recoveryCodeHashes: string[], totpStep: number): Promise<void> {
    this.enrolTx(staffId, recoveryHash, recoveryCodeHashes, totpStep);
  }

  async useTotpStep(staffId: string, step: number): Promise<boolean> {
    return this.sql.useStep.run(staffId, step).changes === 1;
  }

  async useRecoveryCode(staffId: string, codeHash: string): Promise<boolean> {
    return this.sql.useCode.run(staffId, codeHash).changes === 1;
  }

  async remainingRecoveryCodes(staffId: string): Promise<number> {
    return this.sql.countCodes.get(staffId)?.n ?? 0;
  }

  async recordFailure(staffId: string): Promise<number> {
    return this.sql.fail.get(staffId)?.failed_logins ?? 1;
  }

  async lockUntil(staffId: string, until: Date): Promise<void> {
    this.sql.lock.run(ms(until), staffId);
  }

  async clearFailures(staffId: string): Promise<void> {
    this.sql.clear.run(staffId);
  }
}
