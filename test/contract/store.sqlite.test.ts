import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { silentLogger } from '../../server/logger';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { describeStoreContract } from './store.contract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'amana-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A new file per test: the contract expects an empty store each time.
describeStoreContract('sqlite', () => openSqliteStore(path.join(dir, `${randomUUID()}.sqlite`), silentLogger));
