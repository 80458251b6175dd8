/**
 * The behaviour of the store port, declared once and run against every adapter that is
 * reachable (store.sqlite.test.ts always, store.mongo.test.ts when MONGODB_URI is set).
 * `open` must return a fresh, empty store for every test; each test closes it.
 */
import type { Store } from '../../server/ports/store.port';
import { outboxContract } from './store.contract-outbox';

export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let current: Store | null = null;
    const store = (): Store => {
      if (!current) throw new Error('the store is opened in beforeEach');
      return current;
    };

    beforeEach(async () => {
      current = await open();
    });
    afterEach(async () => {
      await current?.close();
      current = null;
    });

    outboxContract(store);
  });
}
