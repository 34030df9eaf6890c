/**
 * The dashboard pages' server side: one loader per page (the project shown, the switcher's list
 * and the query client holding the view's data under the key the browser's hook uses), reading
 * through the same reader as the view's query route (view-readers.ts). The prefetched value is
 * the query route's answer as JSON, so the browser holds the same value whichever fetched it.
 */
import 'server-only';
import type { QueryClient } from '@tanstack/react-query';
import { getDb, yieldingStatements, type Db } from '../db';
import { getQueryClient } from '../query-client';
import { queryKeys } from '../query-keys';
import type { Fields, ReadParams, View, ViewStateOf } from '../views/define';
import { endpointView } from '../views/endpoint';
import { endpointsView } from '../views/endpoints';
import { observatoryView } from '../views/observatory';
import { webVitalsView } from '../views/web-vitals';
import { getProject, type ProjectView } from '../projects/store';
import type { RequestQuery } from '../views/request';
import { getDataOverview, hasSentData } from './overview';
import { getRequest, type RequestDetail } from './requests';
import { viewProjects, type ViewProjects } from './view-projects';
import { readEndpoint, readEndpoints, readObservatory, readWebVitals } from './view-readers';

/** A value as the browser receives it from a route handler (Response.json). */
function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Puts a view's data for `state` into `queryClient`, under the key its hook reads. */
export async function prefetchView<D, F extends Fields, P extends Fields>(
  queryClient: QueryClient,
  db: Db,
  view: View<string, D, F, P>,
  read: (db: Db, projectId: string, p: ReadParams<F>) => Promise<D>,
  projectId: string,
  state: ReturnType<View<string, D, F, P>['parse']>,
  now = Date.now(),
): Promise<void> {
  const params = view.read(state, now);
  if (!params) return;
  await queryClient.prefetchQuery({
    queryKey: view.key(projectId, state),
    queryFn: async () => asJson(await read(db, projectId, params)),
  });
}

export type LoadedView = ViewProjects & { queryClient: QueryClient };

async function load<D, F extends Fields, P extends Fields>(
  view: View<string, D, F, P>,
  read: (db: Db, projectId: string, p: ReadParams<F>) => Promise<D>,
  state: ReturnType<View<string, D, F, P>['parse']>,
  now?: number,
  queryClient = getQueryClient(),
): Promise<LoadedView> {
  const db = getDb();
  const projects = await viewProjects(db, state.project);
  if (projects.project) await prefetchView(queryClient, db, view, read, projects.project.id, state, now);
  return { ...projects, queryClient };
}

export const loadEndpoints = (state: ViewStateOf<typeof endpointsView>, now?: number) =>
  load(endpointsView, readEndpoints, state, now);

export const loadEndpoint = (state: ViewStateOf<typeof endpointView>, now?: number) =>
  load(endpointView, readEndpoint, state, now);

export const loadWebVitals = (state: ViewStateOf<typeof webVitalsView>, now?: number) =>
  load(webVitalsView, readWebVitals, state, now);

/**
 * The dashboard home: until a project has data, what is stored (for the first-run state, which
 * watches it for the first data); then the Observatory view of one project. Which of the two is
 * decided from one row, so the view never waits for the overview's count of every raw point.
 */
export async function loadHome(
  state: ViewStateOf<typeof observatoryView>,
  now?: number,
): Promise<{ queryClient: QueryClient; view: LoadedView | null }> {
  // Streamed: the page's header goes out while these statements run (lib/db/adapter.ts).
  return yieldingStatements(async () => {
    const queryClient = getQueryClient();
    const db = getDb();
    const overview = (await hasSentData(db)) ? null : await getDataOverview(db);
    if (overview) {
      queryClient.setQueryData(queryKeys.overview, overview);
      // Data may have arrived between the two reads; the overview then says so, and the view is drawn.
      if (overview.series === 0) return { queryClient, view: null };
    }
    return { queryClient, view: await load(observatoryView, readObservatory, state, now, queryClient) };
  });
}

/** One kept request's page: its project (null when unknown) and the request (null when not kept, or another project's). */
export async function loadRequest(
  query: RequestQuery,
): Promise<{ project: ProjectView | null; detail: RequestDetail | null }> {
  const db = getDb();
  const project = await getProject(db, query.project).catch((err: unknown) => {
    if ((err as { status?: number }).status === 404) return null;
    throw err;
  });
  return { project, detail: project ? await getRequest(db, project.id, query.id) : null };
}
