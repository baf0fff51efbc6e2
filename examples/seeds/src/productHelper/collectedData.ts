// Guide section "JSONB Column Types": `collected_data` typed as CollectedData (@org/schema's, the
// guide's interface unchanged).
import type { CollectedData } from '@org/schema';
import { getProject } from './projects.ts';

/**
 * Type-safe access: the actors collected for a project, `[]` when none (or no project).
 *
 * @example
 * const actors = await projectActors(id); // Array<{ name: string; type: string }>
 */
export async function projectActors(id: string): Promise<NonNullable<CollectedData['actors']>> {
  const project = await getProject(id);
  const actors = project?.collectedData?.actors ?? [];
  return actors;
}
