/** One renderer per `--format`. */
import type { ChalkInstance } from 'chalk';
import type { EmailSettings } from './email.js';
import type { Output } from './output.js';
import type { View } from './view.js';
import type { LineOptions } from './parallel-lines.js';

export { FORMATS, type Format } from './formats.js';
import type { Format } from './formats.js';

/** What a renderer may need besides the view: colour for tables, the addresses for email. */
export interface RenderContext {
  readonly chalk: ChalkInstance;
  readonly email: EmailSettings;
  /** Tables fit this width (SPEC 3.3); null or absent: as wide as they need. */
  readonly width?: number | null;
  /** Threads JSON and NDJSON may write a long list of cases on (parallel-lines.ts); absent: one. */
  readonly lines?: LineOptions;
}

/** A renderer writes the view; it may be async (email is composed by a stream-based library). */
export type Renderer = (view: View, out: Output, context: RenderContext) => void | Promise<void>;

/**
 * Each renderer's module is loaded when its format is asked for: a run writes one format, and
 * the CLI starts once per run (cli-table3, the page's figures and the mail code stay unloaded).
 */
export const RENDERERS: Record<Format, Renderer> = {
  table: async (view, out, { chalk, width }) => (await import('./table.js')).renderTable(view, out, chalk, width ?? null),
  json: async (view, out, { lines }) => (await import('./json.js')).renderJson(view, out, lines),
  ndjson: async (view, out, { lines }) => (await import('./ndjson.js')).renderNdjson(view, out, lines),
  csv: async (view, out) => (await import('./csv.js')).renderCsv(view, out),
  markdown: async (view, out) => (await import('./markdown.js')).renderMarkdown(view, out),
  email: async (view, out, context) => (await import('./email.js')).renderEmail(view, out, context),
  html: async (view, out) => (await import('./html.js')).renderHtml(view, out),
};
