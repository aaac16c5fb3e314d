import type { LangiumSharedServices } from 'langium/lsp';
import { startLanguageServer } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { KtoLspServices } from './kto-lsp-module.js';
import { registerPreviewHandlers } from './preview/requests.js';

/**
 * Starts the kto language server on a connection (stdio, IPC, socket, or a web worker's message
 * port): Langium's standard LSP features plus kto's own requests (`kto/preview` and the
 * `kto/previewInvalidated` notification).
 */
export function startKtoServer(connection: Connection, services: { shared: LangiumSharedServices; Kto: KtoLspServices }): void {
    // Registered before the connection starts listening, so no request can arrive before its handler.
    registerPreviewHandlers(connection, services.shared);
    startLanguageServer(services.shared);
}
