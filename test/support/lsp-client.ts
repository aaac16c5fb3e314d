import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const SERVER = join(import.meta.dirname, '../../packages/language-server/bin/kto-language-server.mjs');

/**
 * The real language server as an editor sees it: a child process speaking JSON-RPC over stdio.
 * Diagnostics are collected per URI as the server publishes them.
 */
export class LspClient {
    readonly connection: MessageConnection;
    private readonly process: ChildProcess;
    private readonly diagnostics = new Map<string, Diagnostic[]>();
    private readonly waiters: Array<{ uri: string; accept: (d: Diagnostic[], version?: number) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
    readonly notifications: Array<{ method: string; params: unknown }> = [];

    constructor(args: string[] = ['--stdio']) {
        this.process = spawn(process.execPath, [SERVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            this.diagnostics.set(params.uri, params.diagnostics);
            for (const w of this.waiters.filter(w => w.uri === params.uri && w.accept(params.diagnostics, params.version))) {
                this.waiters.splice(this.waiters.indexOf(w), 1);
                w.resolve(params.diagnostics);
            }
        });
        this.connection.onNotification((method, params) => this.notifications.push({ method, params }));
        this.connection.onRequest('workspace/configuration', () => []);
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.listen();
    }

    async initialize(rootPath: string): Promise<unknown> {
        const rootUri = pathToFileURL(rootPath).toString();
        const result = await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
            capabilities: {
                textDocument: {
                    publishDiagnostics: { versionSupport: true },
                    completion: { completionItem: { snippetSupport: true } },
                    hover: { contentFormat: ['markdown', 'plaintext'] }
                },
                workspace: { workspaceFolders: true, configuration: false }
            }
        });
        await this.connection.sendNotification('initialized', {});
        return result;
    }

    /** The next diagnostics published for `uri` (for `version` or later, when given). */
    nextDiagnostics(uri: string, version?: number, timeoutMs = 20_000): Promise<Diagnostic[]> {
        return this.diagnosticsWhere(uri, (_d, v) => version === undefined || v === undefined || v >= version, timeoutMs);
    }

    /** The first diagnostics published for `uri` from now on that satisfy `accept`. */
    diagnosticsWhere(uri: string, accept: (d: Diagnostic[], version?: number) => boolean, timeoutMs = 20_000): Promise<Diagnostic[]> {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
            this.waiters.push({ uri, accept, resolve: d => { clearTimeout(timer); resolve(d); } });
        });
    }

    lastDiagnostics(uri: string): Diagnostic[] | undefined {
        return this.diagnostics.get(uri);
    }

    open(uri: string, text: string, version = 1): Promise<void> {
        return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kto', version, text } });
    }

    change(uri: string, text: string, version: number): Promise<void> {
        return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    request<R>(method: string, params: unknown): Promise<R> {
        return this.connection.sendRequest(method, params) as Promise<R>;
    }

    async stop(): Promise<void> {
        try {
            await Promise.race([this.connection.sendRequest('shutdown'), new Promise(r => setTimeout(r, 2000))]);
            await this.connection.sendNotification('exit');
        } catch {
            // the process may already be gone
        }
        this.connection.dispose();
        this.process.kill();
    }

    get pid(): number | undefined {
        return this.process.pid;
    }
}
