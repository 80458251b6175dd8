/**
 * The behaviour of the store port, declared once and run against every adapter that is
 * reachable (store.sqlite.test.ts always, store.mongo.test.ts when MONGODB_URI is set).
 * `open` must return a fresh, empty store for every test; each test closes it.
 */
import type { Store } from '../../server/ports/store.port';
import { adminContract } from './store.contract-admin';
import { casesContract } from './store.contract-cases';
import { inboxContract } from './store.contract-inbox';
import { auditContract } from './store.contract-audit';
import { contentContract } from './store.contract-content';
import { directoryContract } from './store.contract-directory';
import { limitsContract } from './store.contract-limits';
import { outboxContract } from './store.contract-outbox';
import { staffAuthContract } from './store.contract-staff-auth';
import { statsContract } from './store.contract-stats';

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
    directoryContract(store);
    casesContract(store);
    inboxContract(store);
    contentContract(store);
    auditContract(store);
    staffAuthContract(store);
    statsContract(store);
    adminContract(store);
    limitsContract(store);
  });
}
