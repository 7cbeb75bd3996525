import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { dedupeAssetTags } from './dedupe-asset-tags';

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * After the build, drops repeated stylesheet links and module scripts from every page
 * (see `dedupeAssetTags`: Expressive Code links its stylesheet once per document it renders).
 */
export function dedupeBuiltPages(): AstroIntegration {
  return {
    name: 'mlops-booklet:dedupe-asset-tags',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        let removed = 0;
        for (const file of await htmlFiles(fileURLToPath(dir))) {
          const result = dedupeAssetTags(await readFile(file, 'utf8'));
          if (result.removed === 0) continue;
          removed += result.removed;
          await writeFile(file, result.html);
        }
        logger.info(`removed ${removed} repeated stylesheet or module-script tags`);
      },
    },
  };
}
