import * as vscode from 'vscode';
import { InlayHintRequest, State, type BaseLanguageClient } from 'vscode-languageclient';
import type { BuildOptions } from './build-options.js';
import { registerCommands } from './commands.js';
import { PreviewPanels } from './preview-panel.js';

/** What differs between the desktop (Node) and the web entry. */
export interface Platform {
    /** The language client over the bundled server: a child process, or a web worker. */
    createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): BaseLanguageClient;
    /** `kto.build`: the files written, or undefined when nothing was. */
    build(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, resource?: vscode.Uri, options?: BuildOptions): Promise<string[] | undefined>;
}

/** What `activate` returns (`vscode.extensions.getExtension('kto-lang.kto').exports`): the tests wait on it. */
export interface KtoExtensionApi {
    /** Resolves once the language server is running. */
    readonly ready: Promise<void>;
    readonly client: BaseLanguageClient;
    /** What the open previews show: the server's page, or a message saying why not. */
    previews(): { kind: string; uri: string; shows: string; message?: string }[];
}

/**
 * The extension is a thin client (Prisma's lesson): it starts the language server and hosts the
 * preview webviews; everything about the language — diagnostics, completion, hover, the previews'
 * HTML — comes from the server.
 */
export function activateKto(context: vscode.ExtensionContext, platform: Platform): KtoExtensionApi {
    const output = vscode.window.createOutputChannel('kto', { log: true });
    const client = platform.createClient(context, output);
    const previews = new PreviewPanels(() => client, context.extensionUri);
    context.subscriptions.push(output, previews, previews.listen(client));

    registerCommands(context, {
        client: () => client,
        restart: async () => {
            if (client.isRunning()) await client.stop();
            await client.start();
            previews.refreshAll();
        },
        previews,
        build: (resource, options) => platform.build(context, output, resource, options)
    });

    // `kto.inlayHints.enabled` is applied by the client (client-options.ts); a change shows at once.
    context.subscriptions.push(
        vscode.workspace.onDidChangeConfiguration(e => {
            if (!e.affectsConfiguration('kto.inlayHints.enabled') || client.state !== State.Running) return;
            const feature = client.getFeature(InlayHintRequest.method);
            for (const editor of vscode.window.visibleTextEditors) feature.getProvider(editor.document)?.onDidChangeInlayHints.fire();
        })
    );

    const ready = client.start().catch(e => {
        output.appendLine(`The kto language server did not start: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        void vscode.window.showErrorMessage('kto: the language server did not start. See the Output view (kto) for details.');
        throw e;
    });
    ready.catch(() => undefined); // reported above; the tests await it themselves
    running = client;
    return { ready, client, previews: () => previews.describe() };
}

let running: BaseLanguageClient | undefined;

/** Stops the server; VS Code waits for the returned promise when it deactivates the extension. */
export async function deactivateKto(): Promise<void> {
    const client = running;
    running = undefined;
    if (client?.isRunning()) await client.stop();
}
