/**
 * Work to finish before the process exits (the background jobs). The HTTP server
 * (scripts/server.ts) and the Next.js bundle load this file as separate module copies, so the
 * hooks live on globalThis under a registered symbol.
 */
type Hook = () => Promise<void>;

const KEY = Symbol.for('observatory.shutdownHooks');
const registry = globalThis as unknown as Record<typeof KEY, Hook[] | undefined>;

export function onShutdown(hook: Hook): void {
  (registry[KEY] ??= []).push(hook);
}

const DRAINING = Symbol.for('observatory.drainingHooks');
const draining = globalThis as unknown as Record<typeof DRAINING, (() => void)[] | undefined>;

/**
 * Called as soon as the server stops accepting, before it waits for requests in flight: for
 * requests that would never finish by themselves (live event streams), which end here.
 */
export function onDraining(hook: () => void): () => void {
  const hooks = (draining[DRAINING] ??= []);
  hooks.push(hook);
  return () => {
    const i = hooks.indexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}

export function runDrainingHooks(): void {
  // A copy: a hook may unregister itself (or others) from the list while it runs.
  const hooks = [...(draining[DRAINING] ?? [])];
  draining[DRAINING] = [];
  for (const hook of hooks) {
    try {
      hook();
    } catch (err) {
      console.error('observatory: shutdown:', err instanceof Error ? err.message : err);
    }
  }
}

/** Runs every hook; one that fails is logged and does not stop the others. */
export async function runShutdownHooks(): Promise<void> {
  const hooks = registry[KEY] ?? [];
  registry[KEY] = [];
  await Promise.all(
    hooks.map((hook) =>
      hook().catch((err: unknown) => console.error('observatory: shutdown:', err instanceof Error ? err.message : err)),
    ),
  );
}
