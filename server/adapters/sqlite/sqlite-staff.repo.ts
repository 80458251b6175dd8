/**
 * Staff accounts on SQLite. E-mail addresses are unique whatever their case: `email_key`
 * holds the lower-cased address under a unique index and every lookup goes through it.
 */
import { NotFound } from '../../errors';
import type { AuditNote, Lang, NewStaff, Role, StaffPatch, StaffRecord, StaffRepo, StaffStatus } from '../../ports/store.port';
import type { SqliteAuditRepo } from './sqlite-audit.repo';
import {
  blobOrNull, bytesOrNull, date, dateOrNull, jsonOrNull, ms, msOrNull, parseJsonOrNull, parseStrings, writeTransaction, type Db,
} from './sqlite-db';

interface StaffRow {
  id: string;
  email: string;
  display_name: string;
  language: string;
  department: string | null;
  status: string;
  roles: string;
  public_key: Buffer | null;
  key_bundle: string | null;
  login_hash: string | null;
  totp_secret: Buffer | null;
  away_from: number | null;
  away_until: number | null;
  created_at: number;
  updated_at: number;
}

type StaffParams = Record<string, string | number | Buffer | null>;

export const emailKey = (email: string): string => email.trim().toLowerCase();

// The CHECK constraints guarantee language and status; roles are written from the Role union.
function toStaff(row: StaffRow): StaffRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    language: row.language as Lang,
    department: row.department,
    status: row.status as StaffStatus,
    roles: parseStrings(row.roles) as Role[],
    publicKey: bytesOrNull(row.public_key),
    keyBundle: parseJsonOrNull(row.key_bundle),
    loginHash: row.login_hash,
    totpSecret: bytesOrNull(row.totp_secret),
    awayFrom: dateOrNull(row.away_from),
    awayUntil: dateOrNull(row.away_until),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

function params(staff: StaffRecord): StaffParams {
  return {
    id: staff.id, email: staff.email, emailKey: emailKey(staff.email), displayName: staff.displayName, language: staff.language,
    department: staff.department, status: staff.status, roles: JSON.stringify(staff.roles), publicKey: blobOrNull(staff.publicKey),
    keyBundle: jsonOrNull(staff.keyBundle), loginHash: staff.loginHash, totpSecret: blobOrNull(staff.totpSecret),
    awayFrom: msOrNull(staff.awayFrom), awayUntil: msOrNull(staff.awayUntil), createdAt: ms(staff.createdAt), updatedAt: ms(staff.updatedAt),
  };
}

export class SqliteStaffRepo implements StaffRepo {
  private readonly sql;
  private readonly updateTx: (id: string, patch: StaffPatch, now: Date, audit?: AuditNote) => StaffRecord;

  constructor(db: Db, audit: SqliteAuditRepo) {
    this.sql = {
      insert: db.prepare<StaffParams>(
        `INSERT INTO staff (id, email, email_key, display_name, language, department, status, roles, public_key, key_bundle,
           login_hash, totp_secret, away_from, away_until, created_at, updated_at)
         VALUES (@id, @email, @emailKey, @displayName, @language, @department, @status, @roles, @publicKey, @keyBundle,
           @loginHash, @totpSecret, @awayFrom, @awayUntil, @createdAt, @updatedAt)`,
      ),
      update: db.prepare<StaffParams>(
        `UPDATE staff SET email = @email, email_key = @emailKey, display_name = @displayName, language = @language,
           department = @department, status = @status, roles = @roles, public_key = @publicKey, key_bundle = @keyBundle,
           login_hash = @loginHash, totp_secret = @totpSecret, away_from = @awayFrom, away_until = @awayUntil, updated_at = @updatedAt
         WHERE id = @id`,
      ),
      get: db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE id = ?'),
      byEmail: db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE email_key = ?'),
      list: db.prepare<[], StaffRow>('SELECT * FROM staff ORDER BY display_name, id'),
      countByRole: db.prepare<[string], { n: number }>(
        'SELECT COUNT(*) AS n FROM staff WHERE EXISTS (SELECT 1 FROM json_each(staff.roles) WHERE value = ?)',
      ),
    };
    this.updateTx = writeTransaction(db, (id: string, patch: StaffPatch, now: Date, note?: AuditNote): StaffRecord => {
      const row = this.sql.get.get(id);
      if (!row) throw NotFound();
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as StaffPatch;
      const next: StaffRecord = { ...toStaff(row), ...defined, id, updatedAt: now };
      this.sql.update.run(params(next));
      if (note) audit.appendWithin({ ...note, at: now });
      return next;
    });
  }

  async create(staff: NewStaff): Promise<StaffRecord> {
    const now = new Date();
    const record: StaffRecord = { ...staff, createdAt: now, updatedAt: now };
    this.sql.insert.run(params(record));
    return record;
  }

  async get(id: string): Promise<StaffRecord | null> {
    const row = this.sql.get.get(id);
    return row ? toStaff(row) : null;
  }

  async byEmail(email: string): Promise<StaffRecord | null> {
    const row = this.sql.byEmail.get(emailKey(email));
    return row ? toStaff(row) : null;
  }

  async list(): Promise<StaffRecord[]> {
    return this.sql.list.all().map(toStaff);
  }

  async update(id: string, patch: StaffPatch): Promise<StaffRecord> {
    return this.updateTx(id, patch, new Date());
  }

  async updateAudited(id: string, patch: StaffPatch, at: Date, audit: AuditNote): Promise<StaffRecord> {
    return this.updateTx(id, patch, at, audit);
  }

  /** whatever their status: an invited or deactivated administrator still counts */
  async countByRole(role: Role): Promise<number> {
    return this.sql.countByRole.get(role)?.n ?? 0;
  }
}
