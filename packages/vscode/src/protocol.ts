import { NotificationType, RequestType } from 'vscode-languageclient';

/**
 * The kto requests beyond LSP, as the client sees them. The server side lives in
 * packages/language-server (`src/server.ts`: previews; `src/main-browser.ts`: the workspace file
 * system of the web worker). Plain JSON both ways.
 */

export type PreviewKind = 'questionnaire' | 'routing';

export interface PreviewParams {
    /** The document to preview, as the editor names it (file:, untitled:, vscode-vfs: …). */
    uri: string;
    kind: PreviewKind;
    /** One of the survey's `languages`; absent: its first. */
    language?: string;
    /** One of the survey's respondent `variant`s; absent: the default wording. */
    variant?: string;
}

/**
 * A self-contained HTML page with its own Content-Security-Policy (scripts by nonce), shown in the
 * webview as it is, or a sentence saying why there is nothing to show. `languages` and `variants`,
 * when the server sends them, fill the pickers.
 */
export type PreviewResult =
    | { html: string; languages?: string[]; variants?: string[] }
    | { error: string };

export const PreviewRequest = new RequestType<PreviewParams, PreviewResult, void>('kto/preview');

/** The server's word that previews of `uri` (or of a file it imports) are out of date. */
export const PreviewInvalidatedNotification = new NotificationType<{ uri: string }>('kto/previewInvalidated');

/**
 * The web worker cannot read the workspace; it asks the editor (main-browser.ts, WorkspaceFsRequests).
 */
export interface FsNode {
    uri: string;
    isFile: boolean;
    isDirectory: boolean;
}
export const FsStatRequest = new RequestType<{ uri: string }, FsNode, void>('kto/fs/stat');
export const FsReadFileRequest = new RequestType<{ uri: string }, string, void>('kto/fs/readFile');
export const FsReadDirectoryRequest = new RequestType<{ uri: string }, FsNode[], void>('kto/fs/readDirectory');
