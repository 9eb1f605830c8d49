/**
 * Draws figures as static SVG with Vega-Lite, compiled and rendered headless by Vega: no DOM,
 * no canvas, no script in the page. Loaded only when an HTML page is written (html.ts imports
 * it dynamically), so the other formats never pay for the library.
 *
 * Without a canvas package Vega measures text by estimate (0.8 × font size a character), which
 * is close enough for axis labels and keeps truncation (labelLimit) working.
 */
import { parse, View as VegaView } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { FONT_STACK } from './font.js';


const CONFIG = {
  font: FONT_STACK,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220 },
  legend: { labelFontSize: 11 },
} as const;

/** The chart as an SVG element, ready to inline. */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const { spec: vegaSpec } = compile({ ...spec, config: { ...CONFIG, ...spec.config } } as TopLevelSpec);
  const view = new VegaView(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
