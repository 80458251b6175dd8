/**
 * Picks the store adapter from the configuration: MongoDB when MONGODB_URI is set, else
 * the SQLite file under DATA_DIR. Services receive the Store port and never choose.
 */
import type { Config } from '../../config';
import type { Logger } from '../logger';
import type { Store } from '../ports/store.port';
import { openMongoStore } from './mongo/mongo.store';
import { openSqliteStore } from './sqlite/sqlite.store';

export async function createStore(config: Config, logger: Logger): Promise<Store> {
  const uri = config.env.MONGODB_URI;
  if (uri !== undefined) return openMongoStore(uri, logger);
  return openSqliteStore(config.paths.sqlite, logger);
}
