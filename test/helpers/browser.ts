/**
 * A real browser for the HTML page: Debian's chromium driven by playwright-core. The page is
 * served from a made-up origin by a route that answers only its own address and fails every
 * other request, recording it: a page that fetched anything would show in `requests`.
 */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

/** CHROMIUM_PATH overrides where chromium is (`.ci/run` installs Debian's when missing). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
}

const PAGE_URL = 'http://caseload.invalid/report.html';

export interface OpenedPage {
  readonly page: Page;
  /** Every request other than the page itself: each was failed, and there should be none. */
  readonly requests: string[];
  /** Console errors, page errors and CSP violations. */
  readonly errors: string[];
  close(): Promise<void>;
}

export async function openHtml(browser: Browser, html: string, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const requests: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', async (route) => {
    if (route.request().url() === PAGE_URL) await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    else {
      requests.push(route.request().url());
      await route.abort('blockedbyclient');
    }
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(PAGE_URL, { waitUntil: 'load' });
  return { page, requests, errors, close: () => context.close() };
}
