// The previews: the questionnaire as a respondent sees it (interactive, routed by the reference
// evaluator) and the routing as a graph, each a self-contained HTML page; and the LSP requests
// that serve them to the editor.
export { generateQuestionnaireHtml } from './questionnaire.js';
export { generateRoutingHtml } from './routing.js';
export { generateErrorHtml, type PreviewProblem } from './error-page.js';
export { previewDocument, PREVIEW_KINDS, type PreviewKind, type PreviewParams, type PreviewResult } from './document-preview.js';
export { PreviewRequest, PreviewInvalidatedNotification, registerPreviewHandlers } from './requests.js';
export { contentSecurityPolicy } from './page.js';
export { layoutRouting, flowTree, type RoutingGraph, type GraphNode, type GraphEdge, type FlowNode } from './routing-graph.js';
export type { PreviewOptions } from './options.js';
