/**
 * A dashboard view's parameters, defined once (`defineView`) and read everywhere from that one
 * definition: the page parses its URL leniently into a state; the state is written back into a
 * URL (defaults left out, relative periods relative), into the structured query key the server's
 * prefetch and the browser's hook share, and into the query route's request with resolved times;
 * the query route parses the same fields strictly (422 naming the parameter, unknown ones refused).
 */
import { z } from 'zod';
import { queryKeys } from '../query-keys';
import {
  lenient,
  written,
  type AnyField,
  type Field,
  type ApiValue,
  type PageValue,
  type SearchParamsLike,
} from './fields';
import {
  parseViewState,
  periodKey,
  resolveRange,
  sharedFields,
  strictRange,
  writeViewState,
  type TimeRange,
  type ViewState,
} from './period';

export type Fields = Record<string, AnyField>;

export type StateOf<F extends Fields> = ViewState & { [K in keyof F]: PageValue<F[K]> };
/** What a query key holds: the period as written (relative stays relative), compare and the data fields. */
export type KeyParams<F extends Fields> = { period: string; compare: boolean } & { [K in keyof F]: PageValue<F[K]> };
/** What the query route hands its reader (absent optional fields undefined). */
export type ApiParams<F extends Fields> = { project: string; range: TimeRange; compare: boolean } & {
  [K in keyof F]: ApiValue<F[K]>;
};
/** What a reader takes, from the page's state or from the query route: required fields are set. */
export type ReadParams<F extends Fields> = { range: TimeRange; compare: boolean } & {
  [K in keyof F]: ReadValue<F[K]>;
};
type ReadValue<F> = F extends Field<infer T, infer D, infer R> ? (R extends true ? T : T | D | ApiValue<F>) : never;

export type ViewDefinition<Name extends string, F extends Fields, P extends Fields> = {
  name: Name;
  /** The query route, e.g. /api/v1/query/web-vitals. */
  path: string;
  /** The property of the route's answer holding the data (`{ webVitals: … }`). */
  response: string;
  /** Parameters sent to the query route and part of the query key. */
  fields: F;
  /** Parameters of the page's URL only (a table's order). */
  pageFields?: P;
  /** Params naming things inside a project, dropped when the project changes. */
  resetOnProjectChange?: readonly (keyof F & string)[];
};

export type View<Name extends string = string, Data = unknown, F extends Fields = Fields, P extends Fields = Fields> = {
  name: Name;
  path: string;
  response: string;
  fields: F;
  pageFields: P;
  resetOnProjectChange: readonly string[];
  /** Phantom: the data the query route answers with (types only). */
  readonly data?: Data;
  /** A page's URL to its state; never throws. */
  parse(params: SearchParamsLike): State<F, P>;
  /** URL parameters for a change of the state (null removes one; defaults are removed). */
  write(changes: Partial<State<F, P>>): Record<string, string | null>;
  /** The search string of a state; unset fields take their fallbacks. */
  search(state: Partial<State<F, P>>): string;
  /** The query key: `['data', projectId, name, params]`, the same on the server and in the browser. */
  key(projectId: string, state: StateOf<F>): readonly ['data', string, Name, KeyParams<F>];
  /** The query route's URL for a state, with the period resolved at `now`. */
  request(projectId: string, state: StateOf<F>, now?: number): string;
  /** A reader's parameters for a state, with the period resolved at `now`; null while a required field is missing. */
  read(state: StateOf<F>, now?: number): ReadParams<F> | null;
  /** The query route's strict parameters. */
  query: z.ZodType<ApiParams<F>>;
};

type State<F extends Fields, P extends Fields> = StateOf<F> & { [K in keyof P]: PageValue<P[K]> };

/** A view's whole page state (its data and page-only fields). */
export type ViewStateOf<V> = V extends { parse(params: SearchParamsLike): infer S } ? S : never;

/**
 * The strict reading of a query route's parameters: every field once, an unknown parameter
 * refused by name (shortened, so a hostile name is never echoed whole), the range checked. The
 * range defaults to the last hour, as the API always has.
 */
function strictQuery<F extends Fields>(fields: F): z.ZodType<ApiParams<F>> {
  const shape: Record<string, z.ZodType> = {
    project: sharedFields.project.schema,
    from: sharedFields.from.schema.optional(),
    to: sharedFields.to.schema.optional(),
    compare: sharedFields.compare.schema.default(false),
  };
  for (const [name, field] of Object.entries(fields)) {
    shape[name] = field.required
      ? field.schema
      : field.fallback === null
        ? field.schema.optional()
        : field.schema.default(field.fallback);
  }
  return z
    .object(shape)
    .catchall(z.unknown())
    .transform((q, ctx) => {
      const parsed = strictRange(q as Record<string, unknown> & { from?: number; to?: number }, shape, ctx);
      return parsed ? (parsed as ApiParams<F>) : z.NEVER;
    }) as unknown as z.ZodType<ApiParams<F>>;
}

function mapFields<F extends Fields, R>(fields: F, fn: (field: AnyField, name: string) => R): Record<string, R> {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, fn(field, name)]));
}

/**
 * A view's parameters. `Data` is the type of what its query route answers; the readers on the
 * server are checked against it (lib/queries/view-readers.ts).
 */
export function defineView<Data>() {
  return <const Name extends string, F extends Fields, P extends Fields = Record<never, never>>(
    def: ViewDefinition<Name, F, P>,
  ): View<Name, Data, F, P> => {
    const pageFields = (def.pageFields ?? {}) as P;
    const all: Fields = { ...def.fields, ...pageFields };
    type S = State<F, P>;

    const parse = (params: SearchParamsLike): S =>
      ({ ...parseViewState(params), ...mapFields(all, (field, name) => lenient(field, params, name)) }) as S;

    const write = (changes: Partial<S>): Record<string, string | null> => {
      const out = writeViewState(changes);
      for (const [name, field] of Object.entries(all)) {
        if (name in changes) out[name] = written(field, (changes as Record<string, unknown>)[name]);
      }
      return out;
    };

    const dataValues = (state: StateOf<F>) =>
      mapFields(def.fields, (field, name) => (state as Record<string, unknown>)[name] ?? field.fallback);

    return {
      name: def.name,
      path: def.path,
      response: def.response,
      fields: def.fields,
      pageFields,
      resetOnProjectChange: def.resetOnProjectChange ?? [],
      parse,
      write,
      search(state) {
        const full = { ...parse(null), ...state } as S;
        const out = new URLSearchParams();
        for (const [name, value] of Object.entries(write(full))) if (value !== null) out.set(name, value);
        return out.toString();
      },
      key(projectId, state) {
        const params = { period: periodKey(state), compare: state.compare, ...dataValues(state) } as KeyParams<F>;
        return [...queryKeys.data.all(projectId), def.name, params] as const;
      },
      request(projectId, state, now = Date.now()) {
        const range = resolveRange(state, now);
        const out = new URLSearchParams({ project: projectId, from: String(range.from), to: String(range.to) });
        if (state.compare) out.set('compare', '1');
        for (const [name, value] of Object.entries(write(dataValues(state) as Partial<S>))) {
          if (value !== null) out.set(name, value);
        }
        return `${def.path}?${out}`;
      },
      read(state, now = Date.now()) {
        const missing = Object.entries(def.fields).some(
          ([name, field]) => field.required && (state as Record<string, unknown>)[name] == null,
        );
        if (missing) return null;
        return { range: resolveRange(state, now), compare: state.compare, ...dataValues(state) } as ReadParams<F>;
      },
      query: strictQuery(def.fields),
    };
  };
}
