import { AstUtils, CstUtils, GrammarAST, type LangiumDocument } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { ResponseError, type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit } from 'vscode-languageserver';
import { isBuiltinUri } from '@kto/language';

/**
 * Rename (Langium's, over the index: every reference in every file, routing, indicators, tests,
 * `grid.row`, labels beside their item), guarded: the new name must be a kto name and not a
 * reserved word, and built-in names (`yesno`, `yes`, `no`) cannot be renamed.
 */
export class KtoRenameProvider extends DefaultRenameProvider {
    private readonly reserved: Set<string>;

    constructor(services: LangiumServices) {
        super(services);
        const grammar = services.Grammar;
        const keywords = AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword).map(k => k.value).filter(k => /^\w+$/.test(k));
        const nameRule = grammar.rules.find(r => r.name === 'Name');
        const allowed = new Set(nameRule ? AstUtils.streamAllContents(nameRule).filter(GrammarAST.isKeyword).map(k => k.value) : []);
        this.reserved = new Set(keywords.filter(k => !allowed.has(k)));
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const problem = this.checkNewName(params.newName);
        if (problem) throw new ResponseError(-32602, problem);
        if (this.targetsBuiltin(document, params)) throw new ResponseError(-32602, 'Built-in names (yesno, yes, no) cannot be renamed.');
        return super.rename(document, params);
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        if (this.targetsBuiltin(document, params)) return undefined;
        return super.prepareRename(document, params) as Range | undefined;
    }

    /** Why a new name cannot be used, if it cannot. */
    checkNewName(name: string): string | undefined {
        if (!NAME.test(name)) return `'${name}' is not a valid name: a name starts with a letter or _, followed by letters, digits and _.`;
        if (this.reserved.has(name)) return `'${name}' is a reserved word of kto and cannot be a name.`;
        return undefined;
    }

    private targetsBuiltin(document: LangiumDocument, params: TextDocumentPositionParams): boolean {
        const root = document.parseResult.value.$cstNode;
        if (!root) return false;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
        if (!leaf) return false;
        return isBuiltinUri(document.uri) || this.references.findDeclarations(leaf).some(d => isBuiltinUri(AstUtils.getDocument(d).uri));
    }
}

const NAME = /^[_a-zA-Z\u00C0-\u024F][\w\u00C0-\u024F]*$/;
