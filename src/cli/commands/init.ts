import { writeFile } from 'node:fs/promises';
import { CONFIG_FILE_NAME } from '../../config/file.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec } from './command.js';

export const initCommand: CommandSpec = {
  name: 'init',
  args: '[FILE]',
  summary: `write ${CONFIG_FILE_NAME} with every default, to edit`,
  examples: ['caseload init', 'caseload init region.config.json'],
  groups: [],
  async run(args, _options, context) {
    const path = args[0] ?? CONFIG_FILE_NAME;
    const { DEFAULT_CONFIG } = await import('../../config/schema.js');
    try {
      // 'wx': never overwrite a config someone has tuned.
      await writeFile(path, `${JSON.stringify(DEFAULT_CONFIG, null, 2)}\n`, { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'EEXIST' ? `${path}: already exists; remove it first to start again` : `${path}: cannot write (${code ?? 'error'})`);
    }
    context.err(`caseload: wrote ${path}`);
    return 0;
  },
};
