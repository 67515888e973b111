/** What every subgraph shares: its schema's building, scalars, connections, errors in two languages, the request context. */
export { followChanges } from './changes';
export { Connection, decodeCursor, encodeCursor, pageSize, toPage, type Page } from './connection';
export type { RequestContext } from './context';
export { requestErrorInArabic, withoutSuggestions } from './errors';
export { LocalDateScalar } from './scalars';
export { buildSubgraph } from './subgraph';
