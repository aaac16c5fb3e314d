import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumLSPServices,
    type PartialLangiumSharedLSPServices
} from 'langium/lsp';
import {
    KtoGeneratedModule, KtoGeneratedSharedModule, KtoModule, KtoSharedModule, registerValidationChecks, type KtoAddedServices
} from '@kto/language';
import { KtoWorkspaceManager } from './lsp/kto-workspace-manager.js';

export type KtoLspServices = LangiumServices & KtoAddedServices;

/**
 * Editor features, one provider per file in lsp/ (Langium's layout: "where is rename handled?"
 * is answered by a file name). Everything here is about the editor; what the language means
 * lives in @kto/language.
 */
export const KtoLspModule: Module<KtoLspServices, PartialLangiumLSPServices> = {
    lsp: {}
};

export const KtoSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedLSPServices & { workspace: { WorkspaceManager: KtoWorkspaceManager } }> = {
    workspace: {
        WorkspaceManager: (services: LangiumSharedServices) => new KtoWorkspaceManager(services)
    }
};

/** The services of a language server (or of `kto fmt`, which shares the formatter). */
export function createKtoLspServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Kto: KtoLspServices } {
    const shared = inject(createDefaultSharedModule(context), KtoGeneratedSharedModule, KtoSharedModule, KtoSharedLspModule);
    const Kto = inject(createDefaultModule({ shared }), KtoGeneratedModule, KtoModule, KtoLspModule) as unknown as KtoLspServices;
    shared.ServiceRegistry.register(Kto);
    registerValidationChecks(Kto);
    return { shared, Kto };
}
