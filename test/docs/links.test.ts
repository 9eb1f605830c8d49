/**
 * The project's own documentation: README.md and docs/ link only inside the repository, every
 * link resolves, and docs/ explains every flag and config key a user can meet.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASE_FLAGS, OFFICER_FLAGS } from '../../src/analyse/report.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { ROOT } from '../helpers/cli.js';

const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

function anchorsIn(text: string): Set<string> {
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1]!)));
}

/** Markdown links outside code blocks and code spans. */
function linksIn(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
}

describe.each(PAGES)('%s', (page) => {
  const text = readFileSync(join(ROOT, page), 'utf8');

  it('links only to files inside the repository, each of which exists, and to headings that exist', () => {
    for (const link of linksIn(text)) {
      expect(link, `${page}: ${link} leaves the repository`).not.toMatch(/^[a-z]+:/i);
      const [path, anchor] = link.split('#') as [string, string | undefined];
      const target = path === '' ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), path);
      expect(relative(ROOT, target).startsWith('..'), `${page}: ${link} leaves the repository`).toBe(false);
      expect(existsSync(target), `${page}: ${link} does not exist`).toBe(true);
      if (anchor !== undefined && target.endsWith('.md')) {
        expect([...anchorsIn(readFileSync(target, 'utf8'))], `${page}: ${link}`).toContain(anchor);
      }
    }
  });
});

describe('docs/', () => {
  const docs = PAGES.filter((page) => page.startsWith('docs/')).map((page) => readFileSync(join(ROOT, page), 'utf8')).join('\n');

  it('is linked from the README', () => {
    expect(linksIn(readFileSync(join(ROOT, 'README.md'), 'utf8'))).toContain('docs/README.md');
  });

  it.each([...CASE_FLAGS, ...OFFICER_FLAGS, 'span_exceeded'])('explains the flag %s', (flag) => {
    expect(docs).toContain(`\`${flag}\``);
  });

  it.each(Object.keys(DEFAULT_CONFIG))('explains the config key %s', (key) => {
    expect(docs).toMatch(new RegExp(`\`${key}[.\`]`));
  });
});
