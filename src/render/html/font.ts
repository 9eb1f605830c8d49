/** The system font stack of the page and its charts: nothing is fetched, every machine has one. */
export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
