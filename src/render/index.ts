/** One renderer per `--format`. */
import type { ChalkInstance } from 'chalk';
import { renderCsv } from './csv.js';
import { renderEmail, type EmailSettings } from './email.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderNdjson } from './ndjson.js';
import type { Output } from './output.js';
import { renderTable } from './table.js';
import type { View } from './view.js';

export { FORMATS, type Format } from './formats.js';
import type { Format } from './formats.js';

/** What a renderer may need besides the view: colour for tables, the addresses for email. */
export interface RenderContext {
  readonly chalk: ChalkInstance;
  readonly email: EmailSettings;
  /** Tables fit this width (SPEC 3.3); null or absent: as wide as they need. */
  readonly width?: number | null;
}

/** A renderer writes the view; it may be async (email is composed by a stream-based library). */
export type Renderer = (view: View, out: Output, context: RenderContext) => void | Promise<void>;

export const RENDERERS: Record<Format, Renderer> = {
  table: (view, out, { chalk, width }) => renderTable(view, out, chalk, width ?? null),
  json: renderJson,
  ndjson: renderNdjson,
  csv: renderCsv,
  markdown: renderMarkdown,
  email: renderEmail,
  html: renderHtml,
};
