/**
 * The store at scale: MongoDB through mongoose, used when MONGODB_URI is set.
 *
 * It needs a replica set (a single node started with --replSet is enough): every compound
 * operation of the port is a multi-document transaction, and standalone servers have none.
 * openMongoStore checks this at start rather than failing on the first report.
 *
 * The mongoose connection is public so that the GridFS blob adapter shares this client.
 */
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../../logger';
import type { Store } from '../../ports/store.port';
import { MongoAuditRepo } from './mongo-audit.repo';
import { MongoCaseRepo } from './mongo-cases.repo';
import { MongoAttachmentRepo, MongoMessageRepo } from './mongo-content.repo';
import { MongoChannelRepo } from './mongo-channels.repo';
import { MongoStaffRepo } from './mongo-directory.repo';
import { MongoCredentialRepo } from './mongo-credentials.repo';
import { MongoCaseViewRepo, MongoIdentityRequestRepo } from './mongo-identity-requests.repo';
import { MongoLimitRepo } from './mongo-limits.repo';
import { MongoMarkerRepo } from './mongo-markers.repo';
import { bindModels, type Models } from './mongo-models';
import { MongoOutboxRepo } from './mongo-outbox.repo';
import { MongoSessionRepo, MongoTokenRepo } from './mongo-sessions.repo';
import { MongoSettingsRepo } from './mongo-settings.repo';
import { MongoStatsRepo } from './mongo-stats.repo';
import { bindStaffAuthModels, type StaffAuthModels } from './mongo-staff-auth.models';

/** How long start-up waits for a reachable server before giving up with an error. */
const SERVER_SELECTION_TIMEOUT_MS = 10_000;

export class MongoStore implements Store {
  readonly kind = 'mongo' as const;
  readonly channels: MongoChannelRepo;
  readonly staff: MongoStaffRepo;
  readonly cases: MongoCaseRepo;
  readonly messages: MongoMessageRepo;
  readonly attachments: MongoAttachmentRepo;
  readonly audit: MongoAuditRepo;
  readonly outbox: MongoOutboxRepo;
  readonly markers: MongoMarkerRepo;
  readonly limits: MongoLimitRepo;
  readonly sessions: MongoSessionRepo;
  readonly tokens: MongoTokenRepo;
  readonly credentials: MongoCredentialRepo;
  readonly identityRequests: MongoIdentityRequestRepo;
  readonly caseViews: MongoCaseViewRepo;
  readonly stats: MongoStatsRepo;
  readonly settings: MongoSettingsRepo;
  readonly models: Models;
  readonly staffAuthModels: StaffAuthModels;

  constructor(readonly connection: Connection) {
    this.models = bindModels(connection);
    this.audit = new MongoAuditRepo(connection, this.models);
    this.channels = new MongoChannelRepo(connection, this.models, this.audit);
    this.staff = new MongoStaffRepo(connection, this.models, this.audit);
    this.cases = new MongoCaseRepo(connection, this.models);
    this.messages = new MongoMessageRepo(connection, this.models);
    this.attachments = new MongoAttachmentRepo(this.models);
    this.outbox = new MongoOutboxRepo(connection, this.models);
    this.markers = new MongoMarkerRepo(this.models);
    this.limits = new MongoLimitRepo(connection);
    this.staffAuthModels = bindStaffAuthModels(connection);
    this.sessions = new MongoSessionRepo(this.staffAuthModels);
    this.tokens = new MongoTokenRepo(this.staffAuthModels);
    this.credentials = new MongoCredentialRepo(this.staffAuthModels);
    this.identityRequests = new MongoIdentityRequestRepo(connection, this.staffAuthModels, this.models);
    this.caseViews = new MongoCaseViewRepo(this.staffAuthModels, this.models);
    this.stats = new MongoStatsRepo(this.models);
    this.settings = new MongoSettingsRepo(connection, this.audit);
  }

  async ping(): Promise<void> {
    const db = this.connection.db;
    if (db === undefined) throw new Error('the MongoDB store is not connected');
    await db.admin().ping();
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

async function assertReplicaSet(connection: Connection): Promise<void> {
  const db = connection.db;
  if (db === undefined) throw new Error('the MongoDB connection has no database');
  const hello = await db.admin().command({ hello: 1 });
  const replicaSet = typeof hello.setName === 'string';
  const router = hello.msg === 'isdbgrid';
  if (!replicaSet && !router) {
    throw new Error('MONGODB_URI points at a standalone MongoDB server; Amana needs a replica set (a single node started with --replSet is enough) for transactions');
  }
}

/** Connects, checks for transactions, creates collections and indexes, and the audit counter. */
export async function openMongoStore(uri: string, logger: Logger): Promise<MongoStore> {
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS }).asPromise();
  try {
    await assertReplicaSet(connection);
    const store = new MongoStore(connection);
    // init() creates each collection (transactions cannot always create one) and waits
    // for its declared indexes, unique ones included, before any write relies on them.
    await Promise.all([...Object.values(store.models), ...Object.values(store.staffAuthModels), store.settings.model, store.channels.versionModel, store.limits.model].map((model) => model.init()));
    await store.audit.ensureCounter();
    await store.channels.ensureVersions();
    logger.info({ store: 'mongo' }, 'store opened');
    return store;
  } catch (err) {
    await connection.close();
    throw err;
  }
}
