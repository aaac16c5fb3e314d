import type { AstNode, AstNodeDescription } from 'langium';
import type { NodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';
import {
    Block, Derived, Drivers, Grid, GridRow, Import, Indicator, IndicatorsBlock, LibraryHeader, Note, Question, SampleVariable, Scale, ScaleCode,
    Section, SurveyHeader, TestCase, Variant
} from '@kto/language';

/**
 * Icons in the outline, breadcrumbs, workspace symbols and completion lists. A survey reads
 * like a data file: items are its variables, scales enumerations of labelled codes, grid
 * statements the fields of a grid.
 */
export class KtoNodeKindProvider implements NodeKindProvider {
    getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return SYMBOL_KINDS[typeOf(node)] ?? SymbolKind.Field;
    }

    getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return COMPLETION_KINDS[typeOf(node)] ?? CompletionItemKind.Reference;
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return 'type' in node && typeof node.type === 'string' ? node.type : (node as AstNode).$type;
}

const SYMBOL_KINDS: Record<string, SymbolKind> = {
    [SurveyHeader.$type]: SymbolKind.Module,
    [LibraryHeader.$type]: SymbolKind.Module,
    [Import.$type]: SymbolKind.File,
    [Variant.$type]: SymbolKind.TypeParameter,
    [Scale.$type]: SymbolKind.Enum,
    [ScaleCode.$type]: SymbolKind.EnumMember,
    [Section.$type]: SymbolKind.Namespace,
    [Block.$type]: SymbolKind.Package,
    [Question.$type]: SymbolKind.Variable,
    [Grid.$type]: SymbolKind.Struct,
    [GridRow.$type]: SymbolKind.Field,
    [Note.$type]: SymbolKind.String,
    [Derived.$type]: SymbolKind.Function,
    [SampleVariable.$type]: SymbolKind.Property,
    [IndicatorsBlock.$type]: SymbolKind.Object,
    [Indicator.$type]: SymbolKind.Number,
    [Drivers.$type]: SymbolKind.Operator,
    [TestCase.$type]: SymbolKind.Method
};

const COMPLETION_KINDS: Record<string, CompletionItemKind> = {
    [Variant.$type]: CompletionItemKind.TypeParameter,
    [Scale.$type]: CompletionItemKind.Enum,
    [ScaleCode.$type]: CompletionItemKind.EnumMember,
    [Section.$type]: CompletionItemKind.Module,
    [Block.$type]: CompletionItemKind.Module,
    [Question.$type]: CompletionItemKind.Variable,
    [Grid.$type]: CompletionItemKind.Struct,
    [GridRow.$type]: CompletionItemKind.Field,
    [Note.$type]: CompletionItemKind.Text,
    [Derived.$type]: CompletionItemKind.Function,
    [SampleVariable.$type]: CompletionItemKind.Property,
    [Indicator.$type]: CompletionItemKind.Value,
    [Drivers.$type]: CompletionItemKind.Operator,
    [TestCase.$type]: CompletionItemKind.Method
};
