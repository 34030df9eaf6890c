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
