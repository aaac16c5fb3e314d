import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateKto, deactivateKto, type KtoExtensionApi } from './activate.js';
import { buildWithCli } from './build-command.js';
import { CLIENT_ID, CLIENT_NAME, clientOptions } from './client-options.js';

/**
 * The desktop entry (package.json `main`): the language server is the bundled
 * `server/kto-language-server.mjs`, run by VS Code's own Node (Electron as Node) over IPC.
 */
export function activate(context: vscode.ExtensionContext): KtoExtensionApi {
    return activateKto(context, {
        createClient(context, output) {
            const module = context.asAbsolutePath('server/kto-language-server.mjs');
            const serverOptions: ServerOptions = {
                run: { module, transport: TransportKind.ipc },
                // "Run Extension" in a debug session: attach to the server on port 6009.
                debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
            };
            return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions(output));
        },
        build: buildWithCli
    });
}

export function deactivate(): Promise<void> {
    return deactivateKto();
}
