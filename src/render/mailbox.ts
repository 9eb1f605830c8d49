/**
 * One mailbox, parsed: on its own so that checking --to and --from, and planning notify's
 * digests, does not load the email renderer.
 */
import { lazyRequire } from '../lazy.js';

const addressparser = lazyRequire<(typeof import('nodemailer/lib/addressparser'))['default']>('nodemailer/lib/addressparser');

/** One mailbox (`a@b.example` or `Name <a@b.example>`), or null: never a list, never a group. */
export function parseMailbox(text: string): { name: string; address: string } | null {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return null;
  const parsed = addressparser()(text.trim());
  if (parsed.length !== 1) return null;
  const [entry] = parsed;
  if (entry === undefined || entry.group !== undefined) return null;
  return /^[^\s@",;<>()[\]\\]+@[^\s@",;<>()[\]\\]+$/.test(entry.address) ? { name: entry.name, address: entry.address } : null;
}
