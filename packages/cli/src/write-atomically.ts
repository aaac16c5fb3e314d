import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { EmittedFile } from '@kto/emitters';
import { UsageError } from './files.js';

/**
 * Writes a build's files so that a reader never sees a half-written file and a failed build
 * leaves the previous output as it was: everything is written to a temporary folder inside the
 * output folder first, and only then renamed into place (a rename within one file system is atomic).
 */
export async function writeAtomically(outDir: string, files: EmittedFile[]): Promise<string[]> {
    const out = resolve(outDir);
    await mkdir(out, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
        throw new UsageError(`${outDir}: cannot create the output folder (${e.code ?? e.message})`);
    });
    const staging = await mkdtemp(join(out, '.kto-build-'));
    try {
        for (const file of files) {
            const target = join(staging, file.path);
            await mkdir(dirname(target), { recursive: true });
            await writeFile(target, file.content, 'utf8');
        }
        const written: string[] = [];
        for (const file of files) {
            const target = join(out, file.path);
            await mkdir(dirname(target), { recursive: true });
            await rename(join(staging, file.path), target);
            written.push(target);
        }
        return written;
    } catch (e) {
        throw new UsageError(`${outDir}: cannot write the output (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    } finally {
        await rm(staging, { recursive: true, force: true });
    }
}
