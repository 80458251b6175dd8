/**
 * The store contract against MongoDB, when MONGODB_URI points at a replica set. Each test
 * gets its own database, dropped when the test closes its store.
 */
import { randomBytes } from 'node:crypto';
import { openMongoStore, type MongoStore } from '../../server/adapters/mongo/mongo.store';
import { silentLogger } from '../../server/logger';
import type { Store } from '../../server/ports/store.port';
import { describeStoreContract } from './store.contract';

const uri = process.env.MONGODB_URI;

/** The same server and options, another database. */
function withDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Closing drops the test's database first, so runs leave nothing behind on the server. */
function droppingOnClose(store: MongoStore): Store {
  return {
    ...store,
    ping: () => store.ping(),
    close: async () => {
      await store.connection.dropDatabase();
      await store.close();
    },
  };
}

if (uri === undefined || uri === '') {
  console.warn('MongoDB store contract skipped: MONGODB_URI is not set');
  describe('store contract: mongo', () => {
    it.skip('MongoDB store contract skipped: MONGODB_URI is not set', () => undefined);
  });
} else {
  describeStoreContract('mongo', async (): Promise<Store> => {
    const opened = await openMongoStore(withDatabase(uri, `amana_store_test_${randomBytes(6).toString('hex')}`), silentLogger);
    return droppingOnClose(opened);
  });
}
