/**
 * MongoDB for the contract suites: they run only when MONGODB_URI points at a replica set
 * (no server can run on the machines this project was built on). Each opened store gets its
 * own database, dropped when the store is closed.
 */
import { randomBytes } from 'node:crypto';
import { openMongoStore, type MongoStore } from '../../server/adapters/mongo/mongo.store';
import { silentLogger } from '../../server/logger';
import type { Store } from '../../server/ports/store.port';

export const mongoUriForTests = (): string | undefined => {
  const uri = process.env.MONGODB_URI;
  return uri === undefined || uri === '' ? undefined : uri;
};

/** The same server and options, another database; `params` adds client options. */
export function withDatabase(base: string, name: string, params: Record<string, string> = {}): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

/** Closing drops the test's database first, so runs leave nothing behind on the server. */
export function droppingOnClose(store: MongoStore): Store {
  return {
    ...store,
    ping: () => store.ping(),
    close: async () => {
      await store.connection.dropDatabase();
      await store.close();
    },
  };
}

export async function freshMongoStore(uri: string, label: string, params: Record<string, string> = {}): Promise<MongoStore> {
  return openMongoStore(withDatabase(uri, `amana_${label}_${randomBytes(6).toString('hex')}`, params), silentLogger);
}
