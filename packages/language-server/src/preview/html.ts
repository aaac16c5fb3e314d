// Survey texts go into the previews only through `html` (or through `textContent` in the page
// scripts); it is the compiler's own escaping template, shared with the codebook.
export { escapeHtml, html, Html } from '@kto/emitters';
