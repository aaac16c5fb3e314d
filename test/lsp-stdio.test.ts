import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList, Hover, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './support/lsp-client.js';

/**
 * The language server as any LSP editor uses it (`kto-language-server --stdio`), driven by a
 * JSON-RPC client over stdio on a copy of the examples.
 */
const workspace = mkdtempSync(join(tmpdir(), 'kto-lsp-'));
cpSync(join(import.meta.dirname, '../examples'), workspace, { recursive: true });
const uriOf = (path: string): string => pathToFileURL(join(workspace, path)).toString();
const GENT = uriOf('gent-sociale-dienst-2023.kto');
const SCALES = uriOf('lib/schalen.kto');
const gentText = readFileSync(join(workspace, 'gent-sociale-dienst-2023.kto'), 'utf8');

function positionOf(text: string, needle: string, offsetInNeedle = 0): { line: number; character: number } {
    const index = text.indexOf(needle);
    if (index < 0) throw new Error(`'${needle}' not in text`);
    const before = text.slice(0, index + offsetInNeedle).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

let client: LspClient;

beforeAll(async () => {
    client = new LspClient();
    const init = await client.initialize(workspace) as { capabilities: Record<string, unknown> };
    expect(init.capabilities.hoverProvider).toBeTruthy();
});

afterAll(async () => {
    await client?.stop();
});

describe('kto-language-server over stdio', () => {
    test('opening a clean example publishes no diagnostics', async () => {
        const diagnostics = client.nextDiagnostics(GENT);
        await client.open(GENT, gentText);
        expect(await diagnostics).toEqual([]);
    });

    test('an edit gets its diagnostics, located, with kto codes', async () => {
        const broken = gentText.replace('if hulpvormen contains schuld {', 'if hulpvormn contains schuld {');
        const diagnostics = client.nextDiagnostics(GENT, 2);
        await client.change(GENT, broken, 2);
        const found = (await diagnostics).find(d => d.code === 'kto/unknown-reference');
        expect(found?.message).toBe("Unknown item 'hulpvormn'. Did you mean 'hulpvormen'?");
        expect(found?.range.start).toEqual(positionOf(broken, 'hulpvormn contains'));
        const fixed = client.nextDiagnostics(GENT, 3);
        await client.change(GENT, gentText, 3);
        expect(await fixed).toEqual([]);
    });

    test('editing a shared scale library re-checks the surveys that import it', async () => {
        const scalesText = readFileSync(join(workspace, 'lib/schalen.kto'), 'utf8');
        const scaleDiagnostics = client.nextDiagnostics(SCALES);
        await client.open(SCALES, scalesText);
        await scaleDiagnostics;
        const unknownCijfer = (ds: Array<{ code?: unknown; message: string }>): boolean => ds.some(d => d.code === 'kto/unknown-reference' && d.message.includes("'Cijfer'"));
        const broken = client.diagnosticsWhere(GENT, unknownCijfer);
        await client.change(SCALES, scalesText.replace(/scale Cijfer\b/, 'scale Rapportcijfer'), 2);
        expect(unknownCijfer(await broken)).toBe(true);
        const restored = client.diagnosticsWhere(GENT, ds => !unknownCijfer(ds));
        await client.change(SCALES, scalesText, 3);
        expect(await restored).toEqual([]);
    });

    test('completion inside a condition offers the labels of the compared item\'s scale', async () => {
        const position = positionOf(gentText, 'if hulpvormen contains schuld', 'if hulpvormen contains '.length);
        const result = await client.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri: GENT }, position });
        const items = Array.isArray(result) ? result : result.items;
        expect(items.map(i => i.label)).toContain('schuld');
    });

    test('hover on an item shows its wording', async () => {
        const position = positionOf(gentText, 'if hulpvormen contains', 4);
        const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: GENT }, position });
        const text = JSON.stringify(hover?.contents ?? '');
        expect(text).toContain('Voor welke hulp bent u bij de Sociale Dienst?');
    });

    test('go to definition jumps across imports to the scale', async () => {
        const position = positionOf(gentText, ': Cijfer', 3);
        const result = await client.request<Location | Location[]>('textDocument/definition', { textDocument: { uri: GENT }, position });
        const locations = Array.isArray(result) ? result : [result];
        expect(locations.map(l => ('targetUri' in l ? (l as { targetUri: string }).targetUri : l.uri))).toContain(SCALES);
    });

    test('rename changes the declaration and every use', async () => {
        const position = positionOf(gentText, 'question hulpvormen', 'question '.length);
        const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: GENT }, position, newName: 'hulpsoorten' });
        const edits = (edit.changes?.[GENT] ?? []) as TextEdit[];
        const uses = gentText.split(/\bhulpvormen\b/).length - 1;
        expect(edits.length).toBe(uses);
        expect(edits.every(e => e.newText === 'hulpsoorten')).toBe(true);
    });

    test('formatting returns edits that make a messy file canonical', async () => {
        const messy = gentText.replace('section hulp "De hulp die u krijgt"', 'section   hulp    "De hulp die u krijgt"');
        const diagnostics = client.nextDiagnostics(GENT, 10);
        await client.change(GENT, messy, 10);
        await diagnostics;
        const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: GENT }, options: { tabSize: 2, insertSpaces: true } });
        expect(edits.length).toBeGreaterThan(0);
        expect(edits.some(e => e.range.start.line === positionOf(messy, 'section   hulp').line)).toBe(true);
        await client.change(GENT, gentText, 11);
    });
});

describe('kto-language-server on the command line', () => {
    test('without a transport it explains how to start it (exit 2), never a stack trace', async () => {
        const { spawnSync } = await import('node:child_process');
        const server = join(import.meta.dirname, '../packages/language-server/bin/kto-language-server.mjs');
        const bare = spawnSync(process.execPath, [server], { encoding: 'utf8' });
        expect(bare.status).toBe(2);
        expect(bare.stderr).toContain('kto-language-server --stdio');
        expect(bare.stderr).not.toMatch(/\n\s+at /);
        const help = spawnSync(process.execPath, [server, '--help'], { encoding: 'utf8' });
        expect(help.status).toBe(0);
        expect(help.stdout).toContain('--node-ipc');
    });
});
