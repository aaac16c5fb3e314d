import * as vscode from 'vscode';
import type { LanguageClientOptions } from 'vscode-languageclient';

/** The client's id: VS Code reads `kto.trace.server` for it. */
export const CLIENT_ID = 'kto';
export const CLIENT_NAME = 'kto Language Server';

/**
 * What the desktop and the web client share. Everything about the language is the server's; the
 * client says which documents are kto, forwards `kto.*` settings and file events, and honours
 * `kto.inlayHints.enabled`.
 */
export function clientOptions(outputChannel: vscode.LogOutputChannel): LanguageClientOptions {
    return {
        // Every scheme: files, untitled documents, virtual workspaces (vscode-vfs:, vscode-test-web:).
        documentSelector: [{ language: 'kto' }],
        outputChannel,
        synchronize: {
            configurationSection: 'kto',
            fileEvents: vscode.workspace.createFileSystemWatcher('**/*.kto')
        },
        middleware: {
            provideInlayHints: (document, range, token, next) =>
                vscode.workspace.getConfiguration('kto', document).get<boolean>('inlayHints.enabled', true) ? next(document, range, token) : []
        }
    };
}
