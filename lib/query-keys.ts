/** Structured TanStack Query keys, one entry per API read. */
export const queryKeys = {
  health: ['health'] as const,
};
