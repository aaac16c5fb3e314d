import {
    EmptyFileSystem, createDefaultCoreModule, createDefaultSharedCoreModule, inject,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices,
    type Module, type PartialLangiumCoreServices, type PartialLangiumSharedCoreServices
} from 'langium';
import { KtoGeneratedModule, KtoGeneratedSharedModule } from './generated/module.js';
import { KtoValidator, registerValidationChecks } from './kto-validator.js';
import { KtoDocumentValidator } from './kto-document-validator.js';
import { KtoScopeComputation } from './scoping/kto-scope-computation.js';
import { KtoScopeProvider } from './scoping/kto-scope-provider.js';
import { BUILTIN_SOURCE, BUILTIN_URI } from './builtins.js';
import { KtoIndexManager } from './workspace/kto-index-manager.js';

export type KtoAddedServices = {
    validation: {
        KtoValidator: KtoValidator;
    };
};

export type KtoServices = LangiumCoreServices & KtoAddedServices;

export const KtoModule: Module<KtoServices, PartialLangiumCoreServices & KtoAddedServices> = {
    references: {
        ScopeComputation: (services) => new KtoScopeComputation(services),
        ScopeProvider: (services) => new KtoScopeProvider(services as KtoServices)
    },
    validation: {
        DocumentValidator: (services) => new KtoDocumentValidator(services as KtoServices),
        KtoValidator: (services) => new KtoValidator(services)
    }
};

/** Shared services kto changes, for the CLI and the language server alike. */
export const KtoSharedModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    workspace: {
        IndexManager: (services) => new KtoIndexManager(services)
    }
};

/** Core services (no editor): what the CLI and the compiler use. */
export function createKtoServices(context: Partial<DefaultSharedCoreModuleContext> = {}): {
    shared: LangiumSharedCoreServices;
    Kto: KtoServices;
} {
    const shared = inject(
        createDefaultSharedCoreModule({ ...EmptyFileSystem, ...context }),
        KtoGeneratedSharedModule,
        KtoSharedModule
    );
    const Kto = inject(createDefaultCoreModule({ shared }), KtoGeneratedModule, KtoModule);
    shared.ServiceRegistry.register(Kto);
    registerValidationChecks(Kto);
    addBuiltins(shared);
    return { shared, Kto };
}

/** Puts the built-in scales (yesno) into the workspace, once. */
export function addBuiltins(shared: LangiumSharedCoreServices): void {
    const documents = shared.workspace.LangiumDocuments;
    if (!documents.hasDocument(BUILTIN_URI)) documents.addDocument(shared.workspace.LangiumDocumentFactory.fromString(BUILTIN_SOURCE, BUILTIN_URI));
}
