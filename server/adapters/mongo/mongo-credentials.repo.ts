/**
 * Staff second factors and failed sign-ins on MongoDB. Each check-and-change is one
 * conditional update of the staff member's credentials document ($pull of a code that must
 * be present, $set of a step that must be newer), so it succeeds for exactly one caller.
 */
import type { CredentialRepo, StaffCredentials } from '../../ports/store.port';
import { isDuplicateKey } from './mongo-convert';
import type { CredentialDoc, StaffAuthModels } from './mongo-staff-auth.models';

export class MongoCredentialRepo implements CredentialRepo {
  constructor(private readonly models: StaffAuthModels) {}

  async get(staffId: string): Promise<StaffCredentials> {
    const doc = await this.models.credentials.findById(staffId).lean<CredentialDoc>();
    if (!doc) return { staffId, recoveryHash: null, totpLastStep: 0, failedLogins: 0, lockedUntil: null };
    return { staffId, recoveryHash: doc.recoveryHash, totpLastStep: doc.totpLastStep, failedLogins: doc.failedLogins, lockedUntil: doc.lockedUntil };
  }

  async enrol(staffId: string, recoveryHash: string, recoveryCodeHashes: string[], totpStep: number): Promise<void> {
    await this.models.credentials.updateOne(
      { _id: staffId },
      { $set: { recoveryHash, recoveryCodes: recoveryCodeHashes, totpLastStep: totpStep, failedLogins: 0, lockedUntil: null } },
      { upsert: true },
    );
  }

  async useTotpStep(staffId: string, step: number): Promise<boolean> {
    try {
      // Matches an older step, or no document at all (then the upsert creates it); a newer
      // or equal stored step matches nothing and the upsert collides with its _id.
      const result = await this.models.credentials.updateOne({ _id: staffId, totpLastStep: { $lt: step } }, { $set: { totpLastStep: step } }, { upsert: true });
      return result.modifiedCount === 1 || result.upsertedCount === 1;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async useRecoveryCode(staffId: string, codeHash: string): Promise<boolean> {
    const result = await this.models.credentials.updateOne({ _id: staffId, recoveryCodes: codeHash }, { $pull: { recoveryCodes: codeHash } });
    return result.modifiedCount === 1;
  }

  async remainingRecoveryCodes(staffId: string): Promise<number> {
    const doc = await this.models.credentials.findById(staffId, { recoveryCodes: 1 }).lean<Pick<CredentialDoc, 'recoveryCodes'>>();
    return doc?.recoveryCodes.length ?? 0;
  }

  async recordFailure(staffId: string): Promise<number> {
    const doc = await this.models.credentials
      .findOneAndUpdate({ _id: staffId }, { $inc: { failedLogins: 1 } }, { upsert: true, new: true, setDefaultsOnInsert: true })
      .lean<CredentialDoc>();
    return doc?.failedLogins ?? 1;
  }

  async lockUntil(staffId: string, until: Date): Promise<void> {
    await this.models.credentials.updateOne({ _id: staffId }, { $set: { lockedUntil: until } });
  }

  async clearFailures(staffId: string): Promise<void> {
    await this.models.credentials.updateOne({ _id: staffId }, { $set: { failedLogins: 0, lockedUntil: null } });
  }
}
