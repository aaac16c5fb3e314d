import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { activateKto, deactivateKto, type KtoExtensionApi } from './activate.js';
import { CLIENT_ID, CLIENT_NAME, clientOptions } from './client-options.js';
import { serveWorkspaceFiles } from './workspace-fs.js';

/**
 * The web entry (package.json `browser`: vscode.dev, github.dev, VS Code for the Web): the same
 * language server, bundled for a web worker (`server/kto-language-server-web.js`); it reads the
 * workspace through the editor (workspace-fs.ts).
 */
export function activate(context: vscode.ExtensionContext): KtoExtensionApi {
    return activateKto(context, {
        createClient(context, output) {
            const script = vscode.Uri.joinPath(context.extensionUri, 'server', 'kto-language-server-web.js').toString(true);
            // A function, so that a restart starts a fresh worker (and ends the stopped one).
            let worker: Worker | undefined;
            const start = async (): Promise<MessageTransports> => {
                worker?.terminate();
                worker = new Worker(script);
                // The transports, not the worker: the web extension host's Worker is its own
                // class, so the client's `instanceof Worker` test would not recognise it.
                return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
            };
            context.subscriptions.push({ dispose: () => worker?.terminate() });
            const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, start, clientOptions(output));
            serveWorkspaceFiles(client);
            return client;
        },
        async build(): Promise<undefined> {
            // Building writes files with the kto compiler in Node; a browser tab has neither.
            void vscode.window
                .showInformationMessage('kto: building to a target needs VS Code on the desktop, or the command line: `npx kto build survey.kto --out out/kto`.', 'Copy command')
                .then(choice => (choice ? vscode.env.clipboard.writeText('npx kto build . --out out/kto') : undefined));
            return undefined;
        }
    });
}

export function deactivate(): Promise<void> {
    return deactivateKto();
}
