import * as vscode from 'vscode';

/**
 * The checks of the kto extension inside a real VS Code, shared by the web suite (VS Code for the
 * Web, the server in a web worker) and the desktop suite (@vscode/test-electron, the server as a
 * Node process). The workspace is the repository's `examples/` folder; the example is edited in
 * memory only and reverted at the end.
 *
 * No test framework: each check is a step with a time limit and a message that says what was
 * expected. Language features are only checked to arrive through the extension (one completion
 * label, one hover wording); their details are the language server's tests.
 */

const EXAMPLE = 'gent-sociale-dienst-2023.kto';
/** A condition in the example, `end "…" if client = no`, and the wording of `client`. */
const CONDITION = 'if client = no';
const CLIENT_WORDING = 'Kreeg u in de voorbije 12 maanden hulp of begeleiding';

interface KtoApi {
    ready: Promise<void>;
    previews(): { kind: string; uri: string; shows: string; message?: string }[];
}

/** Runs one named check (see runKtoChecks); what a suite adds gets the same reporting. */
export type Step = <T>(name: string, run: () => Promise<T>) => Promise<T | undefined>;

export interface ChecksOptions {
    log?: (line: string) => void;
    /** Checks only one host can make (the desktop builds with the CLI), run before the clean-up. */
    more?: (step: Step, example: vscode.Uri) => Promise<void>;
}

export async function runKtoChecks({ log = line => console.log(line), more }: ChecksOptions = {}): Promise<void> {
    const started = Date.now();
    const failures: string[] = [];
    /** Runs one check; a failure is recorded and the next checks still run (each says what it saw). */
    const step = async <T>(name: string, run: () => Promise<T>, fatal = false): Promise<T | undefined> => {
        const t0 = Date.now();
        try {
            const result = await run();
            log(`  ✓ ${name} (${Date.now() - t0} ms)`);
            return result;
        } catch (e) {
            const message = `${name}: ${e instanceof Error ? e.message : String(e)}`;
            log(`  ✗ ${message} (${Date.now() - t0} ms)`);
            if (fatal) throw new Error(message);
            failures.push(message);
            return undefined;
        }
    };

    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no workspace folder: the runner must open the examples/ folder');
    const uri = vscode.Uri.joinPath(folder.uri, EXAMPLE);

    let api: KtoApi | undefined;
    const editor = await step(`the extension activates on ${EXAMPLE} and starts its language server`, async () => {
        const document = await vscode.workspace.openTextDocument(uri);
        assert(document.languageId === 'kto', `the document's language is '${document.languageId}', not 'kto'`);
        const editor = await vscode.window.showTextDocument(document);
        const extension = vscode.extensions.getExtension<KtoApi>('kto-lang.kto');
        assert(extension, 'the extension kto-lang.kto is not installed');
        api = await extension.activate();
        await within(30_000, api.ready, 'the language server did not start');
        return editor;
    }, true);
    if (!editor) throw new Error('unreachable');
    const document = editor.document;
    const conditionAt = document.getText().indexOf(CONDITION);
    assert(conditionAt >= 0, `the example no longer contains '${CONDITION}'`);
    const clientAt = document.positionAt(conditionAt + 'if '.length);
    const clientRange = new vscode.Range(clientAt, clientAt.translate(0, 'client'.length));

    await step('a misspelt item is reported as an error, and nothing else is (the imported library resolves)', async () => {
        await edit(editor, clientRange, 'clientt');
        const diagnostics = await waitFor(
            () => {
                const errors = errorsOf(uri);
                return errors.some(d => d.message.includes('clientt')) ? errors : undefined;
            },
            20_000,
            () => `no error about 'clientt'; the diagnostics are: ${describe(vscode.languages.getDiagnostics(uri))}`
        );
        const ours = diagnostics.find(d => d.message.includes('clientt'))!;
        assert(codeOf(ours) === 'kto/unknown-reference', `expected the code kto/unknown-reference, got ${codeOf(ours)}`);
        assert(ours.range.start.line === clientAt.line, `the error is on line ${ours.range.start.line + 1}, not ${clientAt.line + 1}`);
        assert(diagnostics.length === 1, `expected only the misspelling, got: ${describe(diagnostics)}`);
    });

    await step('the error goes away when the name is corrected', async () => {
        await edit(editor, new vscode.Range(clientAt, clientAt.translate(0, 'clientt'.length)), 'client');
        await waitFor(() => (errorsOf(uri).length === 0 ? true : undefined), 20_000, () => `errors remain: ${describe(errorsOf(uri))}`);
    });

    await step('completion inside a condition offers the survey’s items', async () => {
        const position = clientAt.translate(0, 'cli'.length);
        const labels = await waitFor(
            async () => {
                const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
                const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
                return labels.includes('client') ? labels : undefined;
            },
            10_000,
            () => `'client' was not offered at line ${position.line + 1}, column ${position.character + 1}`
        );
        assert(labels.length > 0, 'no completions');
    });

    await step('hover on an item shows its wording', async () => {
        const texts = await waitFor(
            async () => {
                const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, clientAt.translate(0, 2));
                const texts = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value)));
                return texts.some(t => t.includes(CLIENT_WORDING)) ? texts : undefined;
            },
            10_000,
            () => `no hover on 'client' showed “${CLIENT_WORDING}…”`
        );
        assert(texts.length > 0, 'no hover');
    });

    await step('kto.openPreview opens the preview webview with the server’s page', async () => {
        await vscode.commands.executeCommand('kto.openPreview');
        await waitFor(
            () => (previewTabs().length > 0 ? true : undefined),
            10_000,
            () => `no kto.preview webview; the open tabs are: ${vscode.window.tabGroups.all.flatMap(g => g.tabs.map(t => t.label)).join(', ')}`
        );
        // The page itself is the preview's tests'; here: kto/preview answered with one for this document.
        const shown = await waitFor(
            () => api!.previews().find(p => p.kind === 'questionnaire' && p.shows !== 'loading'),
            15_000,
            () => `the preview is still loading: ${JSON.stringify(api!.previews())}`
        );
        assert(shown.uri === uri.toString(), `the preview shows ${shown.uri}, not ${uri.toString()}`);
        assert(shown.shows === 'page', `the preview shows no page but: ${shown.message}`);
    });

    await step('kto.checkWorkspace checks every .kto file of the workspace and opens the Problems view', async () => {
        const files = await vscode.workspace.findFiles('**/*.kto');
        assert(files.length >= 2, `expected the examples and their library, found ${files.length} .kto files`);
        await vscode.commands.executeCommand('kto.checkWorkspace');
        const open = new Set(vscode.workspace.textDocuments.map(d => d.uri.toString()));
        const unchecked = files.filter(f => !open.has(f.toString()));
        assert(unchecked.length === 0, `not opened for the server: ${unchecked.map(f => f.path).join(', ')}`);
        const errors = files.flatMap(f => errorsOf(f).map(d => `${f.path.split('/').pop()} ${describe([d])}`));
        assert(errors.length === 0, `the examples should have no errors: ${errors.join('; ')}`);
    });

    if (more) await more(step, uri);

    await step('clean up: revert the example and close the editors', async () => {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        assert(!document.isDirty, 'the example is still modified');
    });

    if (failures.length > 0) throw new Error(`${failures.length} check${failures.length === 1 ? '' : 's'} failed:\n  ${failures.join('\n  ')}`);
    log(`kto extension checks passed in ${Date.now() - started} ms`);
}

function assert(condition: unknown, message: string): asserts condition {
    if (!condition) throw new Error(message);
}

async function within<T>(ms: number, promise: Promise<T>, message: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
        return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms)))]);
    } finally {
        clearTimeout(timer);
    }
}

/** Polls `probe` until it returns something other than undefined. */
async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, ms: number, describeFailure: () => string): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
        const value = await probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`${describeFailure()} (waited ${ms / 1000} s)`);
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

async function edit(editor: vscode.TextEditor, range: vscode.Range, text: string): Promise<void> {
    const done = await editor.edit(builder => builder.replace(range, text));
    assert(done, 'the editor refused the edit');
}

function errorsOf(uri: vscode.Uri): vscode.Diagnostic[] {
    return vscode.languages.getDiagnostics(uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
    return typeof d.code === 'object' ? d.code.value : d.code;
}

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
    if (diagnostics.length === 0) return 'none';
    return diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d) ?? ''} ${d.message}`).join('; ');
}

function previewTabs(): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('kto.preview'));
}
