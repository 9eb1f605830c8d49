/** One renderer per `--format`. */
import type { ChalkInstance } from 'chalk';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderNdjson } from './ndjson.js';
import type { Output } from './output.js';
import { renderTable } from './table.js';
import type { View } from './view.js';

export const FORMATS = ['table', 'json', 'ndjson', 'csv', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export type Renderer = (view: View, out: Output, chalk: ChalkInstance) => void;

export const RENDERERS: Record<Format, Renderer> = {
  table: renderTable,
  json: renderJson,
  ndjson: renderNdjson,
  csv: renderCsv,
  markdown: renderMarkdown,
};
