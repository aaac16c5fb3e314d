import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { KtoAstType, KtoFile } from './generated/ast.js';
import type { KtoServices } from './kto-module.js';
import { isBuiltinUri } from './builtins.js';
import { CheckContext } from './checks/check-context.js';
import { checkImports } from './checks/import-checks.js';
import { checkIndicators } from './checks/indicator-checks.js';
import { checkRouting, createReasoner } from './checks/routing-checks.js';
import { checkStructure } from './checks/structure-checks.js';
import { checkTranslations } from './checks/translation-checks.js';
import { checkTypes, createTypeChecker } from './checks/type-checks.js';
import type { TypeChecker } from './semantics/types.js';

/**
 * The checker runs once per file over the whole file, like a compiler pass, because most kto
 * checks are about relations (routing order, imports, namespaces), not single nodes.
 */
export class KtoValidator {
    constructor(private readonly services: KtoServices) {}

    checkFile(root: KtoFile, accept: ValidationAcceptor): void {
        const document = root.$document;
        if (!document || isBuiltinUri(document.uri)) return;
        const ctx = new CheckContext(document, this.services.shared.workspace.LangiumDocuments, accept);
        const types = createTypeChecker(ctx);
        for (const [family, check] of this.families) {
            // One failing family must not hide what the others find, nor end in a stack trace.
            try {
                check(ctx, types);
            } catch (error) {
                ctx.report('internal-error', `kto could not finish the ${family} checks on this file (${(error as Error).message}). This is a bug in kto; please report it.`, root);
            }
        }
    }

    /** The families of checks, in the order they run. */
    readonly families: Array<[string, (ctx: CheckContext, types: TypeChecker) => void]> = [
        ['name and structure', ctx => checkStructure(ctx)],
        ['import', ctx => checkImports(ctx)],
        ['type', (ctx, types) => checkTypes(ctx, types)],
        ['routing', ctx => checkRouting(ctx)],
        ['indicator', (ctx, types) => checkIndicators(ctx, types, ctx.isSurvey ? createReasoner(ctx) : undefined)],
        ['translation', ctx => checkTranslations(ctx)]
    ];
}

export function registerValidationChecks(services: KtoServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.KtoValidator;
    const checks: ValidationChecks<KtoAstType> = {
        KtoFile: (node, accept) => validator.checkFile(node, accept)
    };
    registry.register(checks, validator);
}
