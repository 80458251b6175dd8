/**
 * The editor's live check: the draft goes to POST /admin/channels/check (which never saves)
 * a moment after the last keystroke; an answer overtaken by a newer draft is dropped.
 */
import { useEffect, useState } from 'react';
import type { DefinitionProblem } from '../../../../shared/api/admin.schema';
import type { ChannelDefinition } from '../../../../shared/api/channel.schema';
import type { StaffClient } from '../api/staff-client';
import { checkDefinition } from './admin-endpoints';
import { toDefinition } from './definition-draft';

const QUIET_MS = 400;

export function useLiveCheck(client: StaffClient, draft: ChannelDefinition | null) {
  const [problems, setProblems] = useState<DefinitionProblem[]>([]);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!draft) return;
    let live = true;
    setChecking(true);
    const timer = setTimeout(() => {
      checkDefinition(client, toDefinition(draft)).then(
        (answer) => {
          if (!live) return;
          setProblems(answer.problems);
          setError(null);
          setChecking(false);
        },
        (err: unknown) => {
          if (!live) return;
          setError(err);
          setChecking(false);
        },
      );
    }, QUIET_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, draft]);
  return { problems, checking, error };
}
