import { readFile, rename, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatText, KtoFormatError } from '@kto/language-server/format';
import { expandPaths } from '../files.js';
import type { CommandContext } from './command.js';

/**
 * `kto fmt`: rewrites files in the one canonical layout the editor's formatter produces.
 * With --check it changes nothing and exits 1 when a file is not formatted (for CI).
 */
export async function fmt(paths: string[], checkOnly: boolean, ctx: CommandContext): Promise<number> {
    const files = await expandPaths(paths.length > 0 ? paths : ['.']);
    const unformatted: string[] = [];
    let broken = 0;
    for (const file of files) {
        const shown = relative(process.cwd(), file) || file;
        const text = await readFile(file, 'utf8');
        let formatted: string;
        try {
            formatted = formatText(text, pathToFileURL(file).toString());
        } catch (e) {
            if (!(e instanceof KtoFormatError)) throw e;
            for (const p of e.problems) ctx.out(`${shown}:${p.line}:${p.column} - error kto/syntax-error: ${p.message}\n`);
            broken++;
            continue;
        }
        if (formatted === text) continue;
        unformatted.push(shown);
        if (!checkOnly) {
            // Write beside and rename, so an interrupted run never leaves half a file.
            const temporary = `${file}.kto-fmt-${process.pid}`;
            await writeFile(temporary, formatted, 'utf8');
            await rename(temporary, file);
        }
    }
    if (checkOnly) {
        for (const file of unformatted) ctx.out(`${file} is not formatted\n`);
        ctx.out(`${files.length - unformatted.length - broken} of ${files.length} files formatted${unformatted.length ? `; run kto fmt to fix ${unformatted.length}` : ''}.\n`);
    } else {
        for (const file of unformatted) ctx.out(`formatted ${file}\n`);
        ctx.out(`${unformatted.length} of ${files.length} files reformatted.\n`);
    }
    return broken > 0 || (checkOnly && unformatted.length > 0) ? 1 : 0;
}
