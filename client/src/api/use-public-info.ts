/**
 * The public channel list and installation settings, fetched once per page load and kept
 * in memory for every page that needs them (limits, salt, officers' and custodians' keys).
 */
import { useCallback, useEffect, useState } from 'react';
import type { PublicChannelsResponse, PublicInstallation } from '../../../shared/api/channel.schema';
import { fetchChannels } from './reporter-api';

export type PublicInfoState =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown; reload(): void }
  | { state: 'ready'; info: PublicChannelsResponse };

let cached: Promise<PublicChannelsResponse> | null = null;

function load(): Promise<PublicChannelsResponse> {
  cached ??= fetchChannels().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

/**
 * What the administrator set for the public pages (name, logo, texts, accent colour), or null
 * from a server that does not send it yet; the pages then show their built-in texts.
 */
export function siteOf(info: PublicChannelsResponse): NonNullable<PublicInstallation['site']> | null {
  return info.installation.site ?? null;
}

/** After an administrator changed channels or settings: the next page asks the server again. */
export function invalidatePublicInfo(): void {
  cached = null;
}

export function usePublicInfo(): PublicInfoState {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<PublicInfoState>({ state: 'loading' });
  const reload = useCallback(() => {
    setState({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    let live = true;
    load().then(
      (info) => live && setState({ state: 'ready', info }),
      (error: unknown) => live && setState({ state: 'failed', error, reload }),
    );
    return () => {
      live = false;
    };
  }, [attempt, reload]);

  return state;
}
