/** Structured TanStack Query keys, one entry per API read. */
import { periodKey, type ViewState } from './view/state';

export type EndpointsParams = { period: string; compare: boolean; service: string | null; method: string | null };
export type EndpointParams = { period: string; compare: boolean; service: string; method: string; route: string };
export type ObservatoryParams = { period: string; compare: boolean };
export type WebVitalsParams = {
  period: string;
  compare: boolean;
  percentile: string;
  route: string | null;
  device: string | null;
};

export const queryKeys = {
  health: ['health'] as const,
  /** What is stored across projects (the dashboard home's empty state or summary). */
  overview: ['overview'] as const,
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
    endpointsParams: (view: ViewState, f: { service: string | null; method: string | null }): EndpointsParams => ({
      period: periodKey(view),
      compare: view.compare,
      service: f.service,
      method: f.method,
    }),
    endpoints: (projectId: string, params: EndpointsParams) => ['data', projectId, 'endpoints', params] as const,
    endpointParams: (view: ViewState, key: { service: string; method: string; route: string }): EndpointParams => ({
      period: periodKey(view),
      compare: view.compare,
      ...key,
    }),
    endpoint: (projectId: string, params: EndpointParams) => ['data', projectId, 'endpoint', params] as const,
    webVitalsParams: (
      view: ViewState,
      f: { percentile: string; route: string | null; device: string | null },
    ): WebVitalsParams => ({ period: periodKey(view), compare: view.compare, ...f }),
    webVitals: (projectId: string, params: WebVitalsParams) => ['data', projectId, 'web-vitals', params] as const,
    observatoryParams: (view: ViewState): ObservatoryParams => ({ period: periodKey(view), compare: view.compare }),
    observatory: (projectId: string, params: ObservatoryParams) => ['data', projectId, 'observatory', params] as const,
  },
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
    list: (project: string | null) => ['audit', 'list', { project }] as const,
  },
};
