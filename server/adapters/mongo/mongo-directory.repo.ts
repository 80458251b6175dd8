/**
 * Staff on MongoDB (channels: mongo-channels.repo.ts). E-mail addresses are unique whatever
 * their case: `emailKey` holds the lower-cased address under a unique index.
 */
import type { ClientSession, Connection } from 'mongoose';
import { NotFound } from '../../errors';
import type { AuditNote, NewStaff, Role, StaffPatch, StaffRecord, StaffRepo } from '../../ports/store.port';
import type { MongoAuditRepo } from './mongo-audit.repo';
import { definedOnly, toBuffer, toBufferOrNull } from './mongo-convert';
import type { Models, StaffDoc } from './mongo-models';
import { toStaff } from './mongo-records';

export const emailKey = (email: string): string => email.trim().toLowerCase();

export class MongoStaffRepo implements StaffRepo {
  constructor(private readonly connection: Connection, private readonly models: Models, private readonly audit: MongoAuditRepo) {}

  async create(staff: NewStaff): Promise<StaffRecord> {
    const now = new Date();
    await this.models.staff.create({
      _id: staff.id, email: staff.email, emailKey: emailKey(staff.email), displayName: staff.displayName, language: staff.language,
      department: staff.department, status: staff.status, roles: staff.roles, publicKey: toBufferOrNull(staff.publicKey), keyBundle: staff.keyBundle,
      loginHash: staff.loginHash, totpSecret: toBufferOrNull(staff.totpSecret), awayFrom: staff.awayFrom, awayUntil: staff.awayUntil,
      createdAt: now, updatedAt: now,
    });
    return { ...staff, createdAt: now, updatedAt: now };
  }

  async get(id: string): Promise<StaffRecord | null> {
    const doc = await this.models.staff.findById(id).lean<StaffDoc>();
    return doc ? toStaff(doc) : null;
  }

  async byEmail(email: string): Promise<StaffRecord | null> {
    const doc = await this.models.staff.findOne({ emailKey: emailKey(email) }).lean<StaffDoc>();
    return doc ? toStaff(doc) : null;
  }

  async list(): Promise<StaffRecord[]> {
    return (await this.models.staff.find().sort({ displayName: 1, _id: 1 }).lean<StaffDoc[]>()).map(toStaff);
  }

  async update(id: string, patch: StaffPatch): Promise<StaffRecord> {
    return this.updateWithin(id, patch, new Date(), null);
  }

  async updateAudited(id: string, patch: StaffPatch, at: Date, audit: AuditNote): Promise<StaffRecord> {
    let updated: StaffRecord | null = null;
    await this.connection.transaction(async (session) => {
      updated = await this.updateWithin(id, patch, at, session);
      await this.audit.appendWithin(session, { ...audit, at });
    });
    if (updated === null) throw NotFound();
    return updated;
  }

  private async updateWithin(id: string, patch: StaffPatch, at: Date, session: ClientSession | null): Promise<StaffRecord> {
    const { publicKey, totpSecret, email, ...rest } = definedOnly(patch);
    const set: Record<string, unknown> = { ...rest, updatedAt: at };
    if (email !== undefined) Object.assign(set, { email, emailKey: emailKey(email) });
    if (publicKey !== undefined) set.publicKey = publicKey === null ? null : toBuffer(publicKey);
    if (totpSecret !== undefined) set.totpSecret = totpSecret === null ? null : toBuffer(totpSecret);
    const doc = await this.models.staff.findOneAndUpdate({ _id: id }, { $set: set }, { new: true, session }).lean<StaffDoc>();
    if (!doc) throw NotFound();
    return toStaff(doc);
  }

  /** whatever their status: an invited or deactivated administrator still counts */
  async countByRole(role: Role): Promise<number> {
    return this.models.staff.countDocuments({ roles: role });
  }
}
