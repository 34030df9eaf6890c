/**
 * The alerts page's server prefetch: the projects and the chosen project's rules, channels,
 * silences and history, put into the page's query client under the keys the browser's hooks
 * use (lib/hooks/useAlerts.ts, useProjects.ts), as the values their queries produce: the route
 * bodies (reads.ts) as JSON, unwrapped as each hook unwraps them.
 */
import 'server-only';
import type { QueryClient } from '@tanstack/react-query';
import { getDb } from '../db';
import { listProjects } from '../projects/store';
import { queryKeys } from '../query-keys';
import { readChannels, readHistory, readRules, readSilences } from './reads';

/** What the browser gets from the wire: dates as ISO strings, undefined fields gone. */
function asSent(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/**
 * Prefetches the page for the project named by `requested` (slug or id), or the first project;
 * returns the id of the project shown, or null when there is none.
 */
export async function prefetchAlertsPage(queryClient: QueryClient, requested: string | null): Promise<string | null> {
  const db = getDb();
  const projects = await listProjects(db);
  queryClient.setQueryData(queryKeys.projects.list, asSent(projects));
  const project = projects.find((p) => p.slug === requested || p.id === requested) ?? projects[0];
  if (!project) return null;
  const id = project.id;
  const [rules, channels, silences, history] = await Promise.all([
    readRules(db, id),
    readChannels(db, id),
    readSilences(db, id),
    readHistory(db, id),
  ]);
  queryClient.setQueryData(queryKeys.alerts.rules(id), asSent(rules.rules));
  queryClient.setQueryData(queryKeys.alerts.channels(id), asSent(channels.channels));
  queryClient.setQueryData(queryKeys.alerts.silences(id), asSent(silences.silences));
  queryClient.setQueryData(queryKeys.alerts.history(id), asSent(history.events));
  return id;
}
