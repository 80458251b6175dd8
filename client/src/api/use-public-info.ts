/**
 * The public channel list and installation settings, fetched once per page load and kept
 * in memory for every page that needs them (limits, salt, officers' and custodians' keys).
 */
import { useCallback, useEffect, useState } from 'react';
import type { PublicChannelsResponse } from '../../../shared/api/channel.schema';
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
