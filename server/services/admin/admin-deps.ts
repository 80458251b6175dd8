/**
 * What the administration use cases receive: the store, the configuration and the clock.
 */
import type { Config } from '../../../config';
import type { Store } from '../../ports/store.port';

export interface AdminDeps {
  store: Store;
  config: Config;
  now: () => Date;
}
