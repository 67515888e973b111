/** How fresh each node's copy of the others is. */
export { freshnessOf, noteFreshness } from './freshness';
