/**
 * The dashboard views' parameters, one definition each (`defineView`), safe in the browser: the
 * page, the URL, the query key, the query route's request and its strict parameters all derive
 * from them. Server readers and page loaders are in lib/queries/views.ts.
 */
export * from './define';
export * from './endpoint';
export * from './endpoints';
export * from './fields';
export * from './observatory';
export * from './period';
export * from './request';
export * from './web-vitals';
export * from './fetch';
