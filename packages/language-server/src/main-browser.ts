/// <reference lib="WebWorker" />
import { URI, type FileSystemNode, type FileSystemProvider } from 'langium';
import { BrowserMessageReader, BrowserMessageWriter, createConnection, type Connection } from 'vscode-languageserver/browser';
import { createKtoLspServices } from './kto-lsp-module.js';
import { startKtoServer } from './server.js';

/**
 * The language server in a web worker (VS Code for the Web, vscode.dev, github.dev; bundled by
 * packages/vscode/scripts/build.mjs into `server/kto-language-server-web.js`). The same services as
 * `main-node.ts`; only the transport (the worker's message port) and the file system differ.
 *
 * A worker cannot read the workspace itself, so it asks the editor through three requests, which
 * the VS Code extension answers with `vscode.workspace.fs` (packages/vscode/src/workspace-fs.ts):
 * with them the workspace's `.kto` files are loaded at start, exactly as on the desktop, and
 * `import "lib/schalen.kto"` resolves. A client that does not answer them gets an empty
 * workspace (Langium's `EmptyFileSystem`): open documents are still checked on their own.
 */

declare const self: DedicatedWorkerGlobalScope;

/** The requests the worker sends to read the workspace; their answers are plain JSON. */
export const WorkspaceFsRequests = {
    stat: 'kto/fs/stat',
    readFile: 'kto/fs/readFile',
    readDirectory: 'kto/fs/readDirectory'
} as const;

/** What the client answers to `kto/fs/stat` and, per entry, to `kto/fs/readDirectory`. */
interface WireNode {
    uri: string;
    isFile: boolean;
    isDirectory: boolean;
}

const toNode = (n: WireNode): FileSystemNode => ({ uri: URI.parse(n.uri), isFile: n.isFile, isDirectory: n.isDirectory });

/** Langium's file system, answered by the editor. Only the asynchronous half can be. */
class ClientFileSystemProvider implements FileSystemProvider {
    constructor(private readonly connection: Connection) {}

    async stat(uri: URI): Promise<FileSystemNode> {
        return toNode(await this.connection.sendRequest<WireNode>(WorkspaceFsRequests.stat, { uri: uri.toString() }));
    }

    async exists(uri: URI): Promise<boolean> {
        try {
            await this.stat(uri);
            return true;
        } catch {
            return false;
        }
    }

    async readFile(uri: URI): Promise<string> {
        return this.connection.sendRequest<string>(WorkspaceFsRequests.readFile, { uri: uri.toString() });
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return new TextEncoder().encode(await this.readFile(uri));
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        try {
            const entries = await this.connection.sendRequest<WireNode[]>(WorkspaceFsRequests.readDirectory, { uri: uri.toString() });
            return entries.map(toNode);
        } catch {
            // A client without the requests: nothing to load beyond the open documents.
            return [];
        }
    }

    statSync(): FileSystemNode {
        throw new Error('kto: the web worker reads files only asynchronously');
    }

    existsSync(): boolean {
        return false;
    }

    readFileSync(): string {
        throw new Error('kto: the web worker reads files only asynchronously');
    }

    readBinarySync(): Uint8Array {
        throw new Error('kto: the web worker reads files only asynchronously');
    }

    readDirectorySync(): FileSystemNode[] {
        return [];
    }
}

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
// The same server as main-node.ts: Langium's LSP features and kto's requests (kto/preview, …).
startKtoServer(connection, createKtoLspServices({ connection, fileSystemProvider: () => new ClientFileSystemProvider(connection) }));
