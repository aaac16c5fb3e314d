import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SourceReadError } from '@kto/language';
import type { URI } from 'langium';

/** A problem with the command line or the file system, not with a survey: exit code 2. */
export class UsageError extends Error {}

/** Expands files and folders (recursively, `*.kto`) into absolute file paths, sorted. */
export async function expandPaths(paths: string[]): Promise<string[]> {
    const files = new Set<string>();
    for (const path of paths) {
        const absolute = resolve(path);
        const info = await stat(absolute).catch(() => undefined);
        if (!info) throw new UsageError(`${path}: no such file or folder`);
        if (info.isDirectory()) {
            for (const file of await findKtoFiles(absolute)) files.add(file);
        } else if (!absolute.endsWith('.kto')) {
            throw new UsageError(`${path}: not a .kto file`);
        } else {
            files.add(absolute);
        }
    }
    return [...files].sort();
}

async function findKtoFiles(folder: string): Promise<string[]> {
    const found: string[] = [];
    const entries = await readdir(folder, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
        throw new UsageError(`${folder}: cannot read folder (${e.code ?? e.message})`);
    });
    for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) found.push(...await findKtoFiles(path));
        else if (entry.isFile() && entry.name.endsWith('.kto')) found.push(path);
    }
    return found;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a source file as strict UTF-8; `undefined` when it does not exist. */
export async function readSource(uri: URI): Promise<string | undefined> {
    let bytes: Buffer;
    try {
        bytes = await readFile(uri.fsPath);
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // A folder where a file was expected is as good as missing: the import gets a located error.
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
        throw new SourceReadError(`${uri.fsPath}: cannot read file (${code ?? (e as Error).message})`);
    }
    try {
        return utf8.decode(bytes).replace(/^\uFEFF/, '');
    } catch {
        throw new SourceReadError(`${uri.fsPath}: not valid UTF-8 text; save the file as UTF-8`);
    }
}
