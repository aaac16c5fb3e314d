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
        checkStructure(ctx);
        checkImports(ctx);
        checkTypes(ctx, types);
        checkRouting(ctx);
        checkIndicators(ctx, types, ctx.isSurvey ? createReasoner(ctx) : undefined);
        checkTranslations(ctx);
    }
}

export function registerValidationChecks(services: KtoServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.KtoValidator;
    const checks: ValidationChecks<KtoAstType> = {
        KtoFile: (node, accept) => validator.checkFile(node, accept)
    };
    registry.register(checks, validator);
}
