/**
 * Project changes, for in-process caches of project data (the beacon endpoint's site ids and
 * origins). The CLI and other instances change projects too: those caches also expire on a short
 * TTL. Kept on globalThis: the HTTP server and the Next.js bundle load separate module copies.
 */
type Listener = () => void;

const KEY = Symbol.for('observatory.projectListeners');
const registry = globalThis as unknown as Record<typeof KEY, Set<Listener> | undefined>;

export function onProjectsChanged(listener: Listener): () => void {
  const listeners = (registry[KEY] ??= new Set());
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function projectsChanged(): void {
  for (const listener of registry[KEY] ?? []) listener();
}
