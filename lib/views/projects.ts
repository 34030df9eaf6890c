/** Which project a view shows: the one its URL names, else the first with data other than Observatory's own. */
export type ProjectChoice = { id: string; slug: string; name: string };

export const SELF_PROJECT = 'observatory_self';

/**
 * `requested` is matched by slug or id. Without a match: the first project (in the given order)
 * that has data and is not the built-in one; then the first that is not built in; then any.
 */
export function pickProject<P extends ProjectChoice>(
  projects: readonly P[],
  requested: string | null,
  withData: ReadonlySet<string>,
): P | null {
  if (requested) {
    const named = projects.find((p) => p.slug === requested || p.id === requested);
    if (named) return named;
  }
  const others = projects.filter((p) => p.id !== SELF_PROJECT);
  return others.find((p) => withData.has(p.id)) ?? others[0] ?? projects[0] ?? null;
}
