import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, DefaultTextDocumentContentProvider,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumLSPServices,
    type PartialLangiumSharedLSPServices
} from 'langium/lsp';
import {
    BUILTIN_URI, KtoGeneratedModule, KtoGeneratedSharedModule, KtoModule, KtoSharedModule, registerValidationChecks, type KtoAddedServices
} from '@kto/language';
import { KtoWorkspaceManager } from './lsp/kto-workspace-manager.js';
import { KtoFormatter } from './lsp/kto-formatter.js';
import { KtoNodeKindProvider } from './lsp/kto-node-kind-provider.js';
import { KtoCompletionProvider } from './lsp/kto-completion-provider.js';
import { KtoHoverProvider } from './lsp/kto-hover-provider.js';
import { KtoCodeActionProvider } from './lsp/kto-code-action-provider.js';
import { KtoSemanticTokenProvider } from './lsp/kto-semantic-token-provider.js';
import { KtoInlayHintProvider } from './lsp/kto-inlay-hint-provider.js';
import { KtoDocumentLinkProvider } from './lsp/kto-document-link-provider.js';
import { KtoCodeLensProvider } from './lsp/kto-code-lens-provider.js';
import { KtoDocumentSymbolProvider } from './lsp/kto-document-symbol-provider.js';
import { KtoFoldingRangeProvider } from './lsp/kto-folding-range-provider.js';
import { KtoRenameProvider } from './lsp/kto-rename-provider.js';

export type KtoLspServices = LangiumServices & KtoAddedServices;

/**
 * Editor features, one provider per file in lsp/ (Langium's layout: "where is rename handled?"
 * is answered by a file name). Everything here is about the editor; what the language means
 * lives in @kto/language.
 */
export const KtoLspModule: Module<KtoLspServices, PartialLangiumLSPServices> = {
    lsp: {
        CompletionProvider: (services) => new KtoCompletionProvider(services),
        HoverProvider: (services) => new KtoHoverProvider(services),
        CodeActionProvider: (services) => new KtoCodeActionProvider(services),
        SemanticTokenProvider: (services) => new KtoSemanticTokenProvider(services),
        InlayHintProvider: () => new KtoInlayHintProvider(),
        DocumentLinkProvider: (services) => new KtoDocumentLinkProvider(services),
        CodeLensProvider: (services) => new KtoCodeLensProvider(services),
        DocumentSymbolProvider: (services) => new KtoDocumentSymbolProvider(services),
        FoldingRangeProvider: (services) => new KtoFoldingRangeProvider(services),
        RenameProvider: (services) => new KtoRenameProvider(services),
        Formatter: (services) => new KtoFormatter(services)
    }
};

export const KtoSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedLSPServices & { workspace: { WorkspaceManager: KtoWorkspaceManager } }> = {
    workspace: {
        WorkspaceManager: (services: LangiumSharedServices) => new KtoWorkspaceManager(services)
    },
    lsp: {
        NodeKindProvider: () => new KtoNodeKindProvider(),
        // Go to definition on `yesno`, `yes`, `no` opens the built-in scale (LSP workspace/textDocumentContent).
        TextDocumentContentProvider: (services) => new DefaultTextDocumentContentProvider(services, BUILTIN_URI.scheme)
    }
};

/** The services of a language server (`kto fmt` uses the same KtoFormatter over the core services: format.ts). */
export function createKtoLspServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Kto: KtoLspServices } {
    const shared = inject(createDefaultSharedModule(context), KtoGeneratedSharedModule, KtoSharedModule, KtoSharedLspModule);
    const Kto = inject(createDefaultModule({ shared }), KtoGeneratedModule, KtoModule, KtoLspModule) as unknown as KtoLspServices;
    shared.ServiceRegistry.register(Kto);
    registerValidationChecks(Kto);
    return { shared, Kto };
}
