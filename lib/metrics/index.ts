/**
 * The metric catalogue: the names Observatory knows (RED request metrics, Core Web Vitals,
 * infrastructure and business metrics), their units and kinds, what a ratio's unit means (`1`
 * or `%`, units.ts), status classes, the vitals' thresholds and the performance score. Pure data
 * and arithmetic, safe in the browser: ingestion, queries, alerts, views, the demo and the
 * tracker's server side all take them from here.
 */
export * from './red';
export * from './web-vitals';
export * from './known';
export * from './names';
export * from './units';
