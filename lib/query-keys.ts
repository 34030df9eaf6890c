/** Structured TanStack Query keys, one entry per API read; a view's data keys come from its definition (lib/views). */
export const queryKeys = {
  health: ['health'] as const,
  /** What is stored across projects (the dashboard home's empty state or summary). */
  overview: ['overview'] as const,
  /** A demo load's progress on the instance asked. */
  demoProgress: ['demo', 'progress'] as const,
  /** A project's keys and shares live under its id, so deleting it can drop them together. */
  projects: {
    all: ['projects'] as const,
    list: ['projects', 'list'] as const,
    keys: (projectId: string) => ['projects', projectId, 'keys'] as const,
    shares: (projectId: string) => ['projects', projectId, 'shares'] as const,
    beacons: (projectId: string) => ['projects', projectId, 'beacons'] as const,
    series: (projectId: string) => ['projects', projectId, 'series'] as const,
    services: (projectId: string) => ['projects', projectId, 'services'] as const,
    goals: (projectId: string) => ['projects', projectId, 'goals'] as const,
  },
  /**
   * What a project's views read, all under one prefix per project: new data for a project
   * invalidates `data.all(projectId)` and every view of it refetches.
   */
  data: {
    all: (projectId: string) => ['data', projectId] as const,
  },
  /**
   * What happened to a project over a period (lib/annotations), for every chart of every view:
   * under the project's data prefix, so new data refreshes it with the views. `period` as the
   * views key it (lib/views/period.ts `periodKey`): relative periods stay relative.
   */
  annotations: (projectId: string, period: string) => ['data', projectId, 'annotations', period] as const,
  users: ['users'] as const,
  /** A project's alert rules, channels, silences and history (one prefix: a change refreshes them all). */
  alerts: {
    all: (projectId: string) => ['alerts', projectId] as const,
    rules: (projectId: string) => ['alerts', projectId, 'rules'] as const,
    channels: (projectId: string) => ['alerts', projectId, 'channels'] as const,
    deliveries: (projectId: string, channelId: string) => ['alerts', projectId, 'deliveries', channelId] as const,
    silences: (projectId: string) => ['alerts', projectId, 'silences'] as const,
    history: (projectId: string) => ['alerts', projectId, 'history'] as const,
  },
  audit: {
    all: ['audit'] as const,
    list: (project: string | null, action: string | null = null, actor: string | null = null) =>
      ['audit', 'list', { project, action, actor }] as const,
  },
};
