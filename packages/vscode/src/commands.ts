import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { BuildOptions } from './build-options.js';
import { PREVIEW_VIEW_TYPE, PreviewPanels } from './preview-panel.js';
import type { PreviewKind } from './protocol.js';

/** What the commands need from the running extension, on the desktop and on the web alike. */
export interface CommandHost {
    client(): BaseLanguageClient | undefined;
    restart(): Promise<void>;
    previews: PreviewPanels;
    /** `kto.build`: the desktop writes files with the CLI; the web cannot (see extension-web.ts). */
    build(resource?: vscode.Uri, options?: BuildOptions): Promise<string[] | undefined>;
}

/** The commands of package.json `contributes.commands`, registered once per activation. */
export function registerCommands(context: vscode.ExtensionContext, host: CommandHost): void {
    const preview = (kind: PreviewKind) => (resource?: unknown) => {
        const document = ktoDocument(resource, host.previews);
        if (!document) return void vscode.window.showInformationMessage('kto: open a .kto file to preview it.');
        host.previews.show(kind, document);
    };
    context.subscriptions.push(
        vscode.commands.registerCommand('kto.openPreview', preview('questionnaire')),
        vscode.commands.registerCommand('kto.showRoutingGraph', preview('routing')),
        vscode.commands.registerCommand('kto.preview.chooseLanguage', () => host.previews.chooseLanguage()),
        vscode.commands.registerCommand('kto.preview.chooseVariant', () => host.previews.chooseVariant()),
        vscode.commands.registerCommand('kto.build', (resource?: unknown, options?: BuildOptions) => host.build(asUri(resource), options)),
        vscode.commands.registerCommand('kto.checkWorkspace', () => checkWorkspace()),
        vscode.commands.registerCommand('kto.restartServer', () => host.restart())
    );
}

/**
 * A command's resource argument: a Uri (menus, the Explorer) or a URI string (the server's code
 * lenses, which are JSON), or anything else (keybinding arguments), which is no resource.
 */
function asUri(resource: unknown): vscode.Uri | undefined {
    if (resource instanceof vscode.Uri) return resource;
    if (typeof resource === 'string' && resource.length > 0) {
        try {
            return vscode.Uri.parse(resource, true);
        } catch {
            return undefined;
        }
    }
    return undefined;
}

/** The document a command is about: the one it was invoked on, the active kto editor, or the one the active preview shows. */
function ktoDocument(resource: unknown, previews: PreviewPanels): vscode.Uri | undefined {
    const given = asUri(resource);
    if (given) return given;
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'kto') return editor.document.uri;
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    if (tab?.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(PREVIEW_VIEW_TYPE)) return previews.current()?.uri;
    return vscode.window.visibleTextEditors.find(e => e.document.languageId === 'kto')?.document.uri;
}

/**
 * `kto: Check workspace`: the server checks the documents the editor opens, so every `.kto` file of
 * the workspace is opened (not shown); once the server has published their diagnostics (or gone
 * quiet), the Problems view opens with the result.
 */
export async function checkWorkspace(): Promise<void> {
    const files = await vscode.workspace.findFiles('**/*.kto', '{**/node_modules/**,**/.*/**}');
    if (files.length === 0) return void vscode.window.showInformationMessage('kto: there are no .kto files in this workspace.');
    await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `kto: checking ${files.length} file${files.length === 1 ? '' : 's'}…`, cancellable: true },
        async (_progress, token) => {
            const open = new Set(vscode.workspace.textDocuments.map(d => d.uri.toString()));
            const waiting = new Set(files.map(f => f.toString()).filter(f => !open.has(f)));
            if (waiting.size === 0) return;
            await new Promise<void>(resolve => {
                let quiet: ReturnType<typeof setTimeout> | undefined;
                let opening = true;
                const done = (): void => {
                    clearTimeout(quiet);
                    clearTimeout(cap);
                    listener.dispose();
                    cancel.dispose();
                    resolve();
                };
                // A file without problems may publish nothing new: stop when the server goes quiet.
                const settle = (): void => {
                    clearTimeout(quiet);
                    // Only once every file has been handed to the server can quiet mean "done".
                    if (!opening) quiet = setTimeout(done, 1500);
                };
                const listener = vscode.languages.onDidChangeDiagnostics(e => {
                    for (const uri of e.uris) waiting.delete(uri.toString());
                    if (waiting.size === 0 && !opening) done();
                    else settle();
                });
                const cancel = token.onCancellationRequested(done);
                const cap = setTimeout(done, 60_000);
                void (async () => {
                    for (const file of files) {
                        if (token.isCancellationRequested) break;
                        try {
                            await vscode.workspace.openTextDocument(file);
                        } catch {
                            waiting.delete(file.toString()); // unreadable (not UTF-8, gone): the server never sees it
                        }
                    }
                    opening = false;
                    if (waiting.size === 0) done();
                    else settle();
                })();
            });
        }
    );
    let errors = 0;
    let warnings = 0;
    for (const file of files) {
        for (const d of vscode.languages.getDiagnostics(file)) {
            if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
            else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
        }
    }
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    void vscode.window.showInformationMessage(
        `kto: checked ${plural(files.length, 'file')}: ${errors + warnings === 0 ? 'no problems' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`}.`
    );
}
