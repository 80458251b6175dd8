/**
 * The installation the journey benchmark runs against: the built server (`node
 * dist/server/main.js`, its own process, production defaults, proof of work included) over a
 * temporary DATA_DIR holding the default channels and two officers with X25519 keys on the
 * corruption channel, so its form is open and a report is sealed to real keys.
 */
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../server/logger';
import { seedDefaults } from '../../server/services/seed-defaults';
import { loadAmanaCrypto } from '../../shared/crypto';
import { portOf } from './http';
import { startNode, type Child } from './proc';
import { SERVER_MAIN, tempDir } from './paths';
import { addStaff } from './staff-builder';

export const JOURNEY_CHANNEL = 'ch-corruption';

export interface JourneyServer {
  origin: string;
  child: Child;
  stop(): Promise<void>;
}

export async function startJourneyServer(): Promise<JourneyServer> {
  const data = tempDir('journey');
  const store = await openSqliteStore(`${data.dir}/amana.sqlite`, silentLogger);
  try {
    await seedDefaults({ store, logger: silentLogger });
    const crypto = await loadAmanaCrypto('libsodium');
    for (let i = 0; i < 2; i++) await addStaff(store, { publicKey: crypto.x25519Keypair().publicKey, channelId: JOURNEY_CHANNEL, supervisor: i === 1 });
  } finally {
    await store.close();
  }
  const child = startNode(SERVER_MAIN, { env: { DATA_DIR: data.dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' } });
  const ready = await child.waitForLine((l) => l.includes('"msg":"amana ready"'), 60_000);
  return {
    origin: `http://127.0.0.1:${portOf(ready)}`,
    child,
    stop: async () => {
      await child.stop();
      data.remove();
    },
  };
}
