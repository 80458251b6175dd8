/**
 * The store contract against MongoDB, when MONGODB_URI points at a replica set, and the
 * query-plan checks (store.mongo-plans.ts). Each test gets its own database, dropped when the
 * test closes its store.
 */
import type { Store } from '../../server/ports/store.port';
import { droppingOnClose, freshMongoStore, mongoUriForTests } from './mongo.support';
import { describeStoreContract } from './store.contract';
import { describeMongoQueryPlans } from './store.mongo-plans';

const uri = mongoUriForTests();

if (uri === undefined) {
  console.warn('MongoDB store contract and query-plan (explain) checks skipped: MONGODB_URI is not set');
  describe('store contract: mongo', () => {
    it.skip('MongoDB store contract skipped: MONGODB_URI is not set', () => undefined);
  });
} else {
  describeStoreContract('mongo', async (): Promise<Store> => droppingOnClose(await freshMongoStore(uri, 'store_test')));
  describeMongoQueryPlans(uri);
}
