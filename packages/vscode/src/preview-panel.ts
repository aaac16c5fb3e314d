import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { PreviewInvalidatedNotification, PreviewRequest, type PreviewKind, type PreviewParams, type PreviewResult } from './protocol.js';

/** The webview type of both previews (`activeWebviewPanelId == kto.preview` in `when` clauses). */
export const PREVIEW_VIEW_TYPE = 'kto.preview';

/**
 * Messages a preview page may post (`acquireVsCodeApi().postMessage(...)`). The page is the
 * server's; the extension only obeys these two.
 */
type PreviewMessage =
    | { type: 'kto.previewOptions'; language?: string; variant?: string }
    | { type: 'kto.reveal'; line: number; character?: number };

/**
 * One webview per kind (questionnaire, routing), beside the editor, following the active kto
 * editor like VS Code's Markdown preview. Its HTML comes from the server's `kto/preview` request
 * as it is: the page carries its own Content-Security-Policy with a nonce, so the webview gets
 * scripts but no local resources. It is refreshed when the server sends `kto/previewInvalidated`
 * for its document (the document or one it imports was rebuilt) and when it follows another editor.
 */
class PreviewPanel implements vscode.Disposable {
    readonly panel: vscode.WebviewPanel;
    private document: vscode.Uri;
    private language: string | undefined;
    private variant: string | undefined;
    /** What the last answer offered for the pickers (when the server says). */
    languages: string[] | undefined;
    variants: string[] | undefined;
    /** What the webview shows: the server's page, our message (why there is none), or nothing yet. */
    status: { shows: 'loading' | 'page' | 'message'; message?: string } = { shows: 'loading' };
    private generation = 0;
    private pending: ReturnType<typeof setTimeout> | undefined;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(
        readonly kind: PreviewKind,
        document: vscode.Uri,
        private readonly client: () => BaseLanguageClient | undefined,
        extensionUri: vscode.Uri,
        onDispose: () => void
    ) {
        this.document = document;
        const settings = vscode.workspace.getConfiguration('kto.preview', document);
        this.language = settings.get<string>('language') || undefined;
        this.variant = settings.get<string>('variant') || undefined;
        this.panel = vscode.window.createWebviewPanel(
            PREVIEW_VIEW_TYPE,
            this.title(),
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, localResourceRoots: [], enableFindWidget: true }
        );
        this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'kto-file.svg');
        this.disposables.push(
            this.panel.onDidDispose(() => {
                this.dispose();
                onDispose();
            }),
            this.panel.webview.onDidReceiveMessage((message: PreviewMessage) => this.onMessage(message))
        );
        this.panel.webview.html = page('Loading the preview…');
        void this.refresh();
    }

    get uri(): vscode.Uri {
        return this.document;
    }

    /** Shows another document (the active editor changed), keeping language and variant. */
    follow(document: vscode.Uri): void {
        if (document.toString() === this.document.toString()) return;
        this.document = document;
        this.languages = this.variants = undefined;
        this.panel.title = this.title();
        this.scheduleRefresh(0);
    }

    setOptions(options: { language?: string | null; variant?: string | null }): void {
        if (options.language !== undefined) this.language = options.language ?? undefined;
        if (options.variant !== undefined) this.variant = options.variant ?? undefined;
        this.panel.title = this.title();
        this.scheduleRefresh(0);
    }

    get options(): { language: string | undefined; variant: string | undefined } {
        return { language: this.language, variant: this.variant };
    }

    /** Coalesces bursts of invalidations (typing) into one request. */
    scheduleRefresh(delay = 100): void {
        if (this.pending) clearTimeout(this.pending);
        this.pending = setTimeout(() => {
            this.pending = undefined;
            void this.refresh();
        }, delay);
    }

    async refresh(): Promise<void> {
        const generation = ++this.generation;
        const client = this.client();
        if (!client || !client.isRunning()) {
            this.showMessage('The kto language server is not running.');
            return;
        }
        const params: PreviewParams = { uri: this.document.toString(), kind: this.kind };
        if (this.language) params.language = this.language;
        if (this.variant) params.variant = this.variant;
        let result: PreviewResult;
        try {
            result = await client.sendRequest(PreviewRequest, params);
        } catch (e) {
            result = { error: `The preview could not be made: ${e instanceof Error ? e.message : String(e)}` };
        }
        // An answer to an older request (the user typed on, or switched files) is dropped.
        if (generation !== this.generation) return;
        if ('html' in result) {
            this.languages = result.languages;
            this.variants = result.variants;
            this.panel.webview.html = result.html;
            this.status = { shows: 'page' };
        } else {
            this.showMessage(result.error);
        }
    }

    private showMessage(message: string): void {
        this.panel.webview.html = page(message);
        this.status = { shows: 'message', message };
    }

    private async onMessage(message: PreviewMessage): Promise<void> {
        if (message?.type === 'kto.previewOptions') {
            this.setOptions({
                language: typeof message.language === 'string' ? message.language || null : undefined,
                variant: typeof message.variant === 'string' ? message.variant || null : undefined
            });
        } else if (message?.type === 'kto.reveal' && Number.isInteger(message.line)) {
            const position = new vscode.Position(message.line, Number.isInteger(message.character) ? message.character! : 0);
            const existing = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === this.document.toString());
            const editor = await vscode.window.showTextDocument(this.document, { viewColumn: existing?.viewColumn ?? vscode.ViewColumn.One });
            editor.selection = new vscode.Selection(position, position);
            editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        }
    }

    private title(): string {
        const name = this.document.path.split('/').pop() ?? this.document.path;
        const what = this.kind === 'routing' ? 'Routing' : 'Preview';
        const options = [this.language, this.variant].filter(Boolean).join(', ');
        return `${what}: ${name}${options ? ` (${options})` : ''}`;
    }

    dispose(): void {
        if (this.pending) clearTimeout(this.pending);
        this.generation++;
        for (const d of this.disposables.splice(0)) d.dispose();
    }
}

/** The open previews, at most one per kind. */
export class PreviewPanels implements vscode.Disposable {
    private readonly panels = new Map<PreviewKind, PreviewPanel>();
    private readonly disposables: vscode.Disposable[] = [];
    /** The preview the pickers act on: the one last focused. */
    private lastActive: PreviewPanel | undefined;

    constructor(private readonly client: () => BaseLanguageClient | undefined, private readonly extensionUri: vscode.Uri) {
        this.disposables.push(
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (editor?.document.languageId !== 'kto') return;
                for (const panel of this.panels.values()) panel.follow(editor.document.uri);
            }),
            vscode.workspace.onDidChangeConfiguration(e => {
                if (!e.affectsConfiguration('kto.preview')) return;
                for (const panel of this.panels.values()) {
                    const settings = vscode.workspace.getConfiguration('kto.preview', panel.uri);
                    panel.setOptions({ language: settings.get<string>('language') || null, variant: settings.get<string>('variant') || null });
                }
            })
        );
    }

    /** Listens for the server's invalidations (the handler outlives restarts of the client). */
    listen(client: BaseLanguageClient): vscode.Disposable {
        return client.onNotification(PreviewInvalidatedNotification, ({ uri }) => {
            const changed = vscode.Uri.parse(uri).toString();
            for (const panel of this.panels.values()) if (panel.uri.toString() === changed) panel.scheduleRefresh();
        });
    }

    /** After a restart of the server the previews ask again. */
    refreshAll(): void {
        for (const panel of this.panels.values()) panel.scheduleRefresh(0);
    }

    show(kind: PreviewKind, document: vscode.Uri): void {
        const existing = this.panels.get(kind);
        if (existing) {
            existing.follow(document);
            existing.panel.reveal(undefined, true);
            this.lastActive = existing;
            return;
        }
        const panel = new PreviewPanel(kind, document, this.client, this.extensionUri, () => {
            if (this.panels.get(kind) === panel) this.panels.delete(kind);
            if (this.lastActive === panel) this.lastActive = undefined;
        });
        panel.panel.onDidChangeViewState(e => {
            if (e.webviewPanel.active) this.lastActive = panel;
        });
        this.panels.set(kind, panel);
        this.lastActive = panel;
    }

    /** What each preview shows (for the tests, through the extension's API). */
    describe(): { kind: PreviewKind; uri: string; shows: string; message?: string }[] {
        return [...this.panels.values()].map(p => ({ kind: p.kind, uri: p.uri.toString(), ...p.status }));
    }

    /** The preview the language and variant pickers change. */
    current(): PreviewPanel | undefined {
        const active = [...this.panels.values()].find(p => p.panel.active);
        return active ?? this.lastActive ?? this.panels.get('questionnaire');
    }

    async chooseLanguage(): Promise<void> {
        const panel = this.current();
        if (!panel) return void vscode.window.showInformationMessage('kto: open a preview first (kto: Open questionnaire preview).');
        const choice = await pick(panel.languages, panel.options.language, 'the survey’s first language', 'Language of the preview (a code from the survey’s `languages`, e.g. en)');
        if (choice !== undefined) panel.setOptions({ language: choice || null });
    }

    async chooseVariant(): Promise<void> {
        const panel = this.current();
        if (!panel) return void vscode.window.showInformationMessage('kto: open a preview first (kto: Open questionnaire preview).');
        const choice = await pick(panel.variants, panel.options.variant, 'the default wording', 'Respondent variant of the preview (a `variant` of the survey header)');
        if (choice !== undefined) panel.setOptions({ variant: choice || null });
    }

    dispose(): void {
        for (const panel of this.panels.values()) panel.panel.dispose();
        this.panels.clear();
        for (const d of this.disposables.splice(0)) d.dispose();
    }
}

/** A quick pick of the offered values (with "default" first), or a free input when none were offered. '' = default. */
async function pick(offered: string[] | undefined, current: string | undefined, defaultLabel: string, prompt: string): Promise<string | undefined> {
    if (offered && offered.length > 0) {
        const items: (vscode.QuickPickItem & { value: string })[] = [
            { label: `$(discard) Default`, description: defaultLabel, value: '' },
            ...offered.map(value => ({ label: value, description: value === current ? 'current' : undefined, value }))
        ];
        const chosen = await vscode.window.showQuickPick(items, { placeHolder: prompt });
        return chosen?.value;
    }
    return vscode.window.showInputBox({ prompt, value: current ?? '', placeHolder: `empty: ${defaultLabel}` });
}

/** A page of our own, for when there is no preview to show (no scripts, the editor's colours). */
function page(message: string): string {
    const text = message.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
    return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-descriptionForeground);padding:2em;line-height:1.5}</style>
</head><body><p>${text}</p></body></html>`;
}
