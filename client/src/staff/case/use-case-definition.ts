/**
 * The questionnaire a case was answered with: the version recorded on the case, fetched from
 * GET /channels/:id/versions/:version, so a later edit of the questionnaire never changes
 * how an earlier report reads. Only when the case has no version or the server cannot give
 * it is the current definition used, and the result says so (the page flags it).
 */
import { useEffect, useState } from 'react';
import { channelDefinition, type ChannelDefinition } from '../../../../shared/api/channel.schema';
import type { CaseMeta } from '../../../../shared/api/staff.schema';
import { enc, type StaffClient } from '../api/staff-client';
import type { DefinitionSource } from './check-answers';

export interface CaseDefinition {
  definition: ChannelDefinition | null;
  source: DefinitionSource;
  /** the version the case answered, when it records one */
  version: number | null;
  loading: boolean;
}

/** `questionnaireVersion` arrives with the versioned questionnaires; older servers omit it. */
export function versionOf(meta: CaseMeta): number | null {
  const value = (meta as CaseMeta & { questionnaireVersion?: unknown }).questionnaireVersion;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

export const versionPath = (channelId: string, version: number) => `/channels/${enc(channelId)}/versions/${version}`;

export function useCaseDefinition(client: StaffClient, meta: CaseMeta | null, current: ChannelDefinition | null): CaseDefinition {
  const version = meta ? versionOf(meta) : null;
  const channelId = meta?.channelId ?? '';
  const [fetched, setFetched] = useState<{ key: string; definition: ChannelDefinition | null } | null>(null);
  const key = `${channelId}@${version ?? ''}`;

  useEffect(() => {
    if (version === null) return;
    const controller = new AbortController();
    client.get<unknown>(versionPath(channelId, version), controller.signal).then(
      (raw) => {
        const parsed = channelDefinition.safeParse((raw as { definition?: unknown } | null)?.definition);
        const same = (raw as { version?: unknown } | null)?.version === version;
        setFetched({ key, definition: parsed.success && same ? parsed.data : null });
      },
      () => {
        if (!controller.signal.aborted) setFetched({ key, definition: null });
      },
    );
    return () => controller.abort();
  }, [client, channelId, version, key]);

  if (meta === null) return { definition: null, source: 'none', version, loading: true };
  if (version === null) return { definition: current, source: current ? 'current' : 'none', version, loading: false };
  if (fetched?.key !== key) return { definition: null, source: 'none', version, loading: true };
  if (fetched.definition) return { definition: fetched.definition, source: 'version', version, loading: false };
  return { definition: current, source: current ? 'current' : 'none', version, loading: false };
}
