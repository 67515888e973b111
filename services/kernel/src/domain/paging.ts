/** How many items a page of a list holds: at most, and when the client does not say. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
