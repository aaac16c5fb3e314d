import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FsReadDirectoryRequest, FsReadFileRequest, FsStatRequest, type FsNode } from './protocol.js';

/**
 * Answers the web worker's file requests with `vscode.workspace.fs`, so that the server in the
 * browser loads the workspace's `.kto` files and resolves imports as the desktop server does
 * (it reads the disk itself). Registered before the client starts: the server reads the
 * workspace while it initialises.
 */
export function serveWorkspaceFiles(client: BaseLanguageClient): void {
    // Like the desktop server's Node file system: invalid UTF-8 becomes U+FFFD rather than an error
    // that would stop the whole workspace from loading.
    const decoder = new TextDecoder('utf-8');
    const node = (uri: vscode.Uri, type: vscode.FileType): FsNode => ({
        uri: uri.toString(),
        isFile: (type & vscode.FileType.File) !== 0,
        isDirectory: (type & vscode.FileType.Directory) !== 0
    });
    client.onRequest(FsStatRequest, async ({ uri }) => {
        const u = vscode.Uri.parse(uri);
        return node(u, (await vscode.workspace.fs.stat(u)).type);
    });
    client.onRequest(FsReadFileRequest, async ({ uri }) => {
        const u = vscode.Uri.parse(uri);
        // An open document is read as the editor shows it, the rest from the file system.
        const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === u.toString());
        return open ? open.getText() : decoder.decode(await vscode.workspace.fs.readFile(u));
    });
    client.onRequest(FsReadDirectoryRequest, async ({ uri }) => {
        const u = vscode.Uri.parse(uri);
        const entries = await vscode.workspace.fs.readDirectory(u);
        return entries.map(([name, type]) => node(vscode.Uri.joinPath(u, name), type));
    });
}
