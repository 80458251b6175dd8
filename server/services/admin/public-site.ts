/**
 * What public pages show of the installation (shared/api admin.schema PublicSite): the
 * organisation's name and contact, accent colour, the home, privacy and "where else to
 * turn" texts, and whether a logo exists.
 */
import type { Config } from '../../../config';
import type { PublicSite } from '../../../shared/api/admin.schema';
import type { Store } from '../../ports/store.port';
import { readInstallationSettings } from './installation-settings';
import { readLogo } from './logo';

export async function publicSite(store: Pick<Store, 'settings'>, config: Pick<Config, 'deadlines' | 'retention' | 'statistics'>): Promise<PublicSite> {
  const [{ settings }, logo] = await Promise.all([readInstallationSettings(store.settings, config), readLogo(store)]);
  return {
    organisation: { name: { ...settings.organisation.name }, contact: { ...settings.organisation.contact } },
    accentColor: settings.accentColor,
    texts: { home: { ...settings.texts.home }, privacy: { ...settings.texts.privacy }, otherChannels: { ...settings.texts.otherChannels } },
    hasLogo: logo !== null,
  };
}
