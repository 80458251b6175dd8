/**
 * Before anything is saved: a definition with any problem is refused with the first
 * problem's stable id and path (the check endpoint lists them all).
 */
import type { ChannelDefinition } from '../../../shared/api/channel.schema';
import { DefinitionRejected } from './admin-errors';
import { checkDefinition } from './check-definition';

export function validDefinition(raw: unknown): ChannelDefinition {
  const { problems, definition } = checkDefinition(raw);
  const [first] = problems;
  if (first) throw DefinitionRejected(first.id, first.path, problems.length);
  if (!definition) throw DefinitionRejected('definition_invalid', '', 1);
  return definition;
}
