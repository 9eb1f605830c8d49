/**
 * The page's only style sheet, inline (the Content Security Policy allows it by its hash and
 * nothing else): a system font stack, light and dark schemes, and A4 print.
 */
import { FONT_STACK } from './font.js';

export const STYLE = `
:root { color-scheme: light dark; --text: #1b1b1b; --muted: #555; --background: #fff; --rule: #d0d0d0; --stripe: #f4f4f4; --accent: #0b5394; --warn: #b3261e; }
@media (prefers-color-scheme: dark) {
  :root { --text: #e8e8e8; --muted: #aaa; --background: #121212; --rule: #444; --stripe: #1e1e1e; --accent: #8ab4f8; --warn: #f28b82; }
  .chart svg text { fill: var(--text); }
  .chart svg .role-axis-grid line { stroke: #333; }
  .chart svg .role-axis-domain line, .chart svg .role-axis-tick line { stroke: #888; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; padding: 1.5rem; max-width: 80rem; font-family: ${FONT_STACK}; font-size: 15px; line-height: 1.45; color: var(--text); background: var(--background); }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
h3 { font-size: 1rem; margin: 0 0 0.25rem; }
.meta, .more, figcaption { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
figure { margin: 1.5rem 0; break-inside: avoid; }
figcaption { margin-bottom: 0.5rem; }
.chart svg { max-width: 100%; height: auto; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.25rem 0; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { text-align: left; padding: 0.2rem 0.5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { background: var(--stripe); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: var(--stripe); }
.lost, .over { color: var(--warn); font-weight: 600; }
code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
footer { margin-top: 2rem; font-size: 0.8rem; color: var(--muted); }
@page { size: A4; margin: 12mm; }
@media print {
  :root { --text: #000; --muted: #333; --background: #fff; --rule: #999; --stripe: #eee; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .chart svg text { fill: #000; }
  .scroll { overflow: visible; }
  table { font-size: 8pt; }
  thead { display: table-header-group; }
  tr, figure, dl.facts { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
`;
