import { html, Html } from './html.js';

/** A fresh nonce for the page's one inline script (base64 of 16 random bytes). */
export function newNonce(): string {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of every preview: nothing may load from anywhere; the one inline
 * script runs by its nonce; styles are inline; images only as data: URLs. VS Code shows the page
 * in a webview as it is.
 */
export function contentSecurityPolicy(nonce: string): string {
    return `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/**
 * JSON for a `<script type="application/json">` data block: `<`, `>` and `&` are written as
 * `\u003c` etc., so no text in the survey can close the element (`</script>`) or open a comment.
 */
export function jsonForScript(value: unknown): string {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface PageParts {
    title: string;
    /** The `lang` of the page (the survey language shown first). */
    lang: string;
    nonce: string;
    style: string;
    body: Html;
    /** Data for the script, embedded as JSON in `<script type="application/json" id="kto-data">`. */
    data?: unknown;
    /** The page script (bundled by scripts/bundle-preview.mjs). */
    script: string;
    bodyAttributes?: Record<string, string>;
}

/** A self-contained page: no network, one inline script with a nonce, inline styles, a strict CSP. */
export function renderPage(parts: PageParts): string {
    if (/<\/(script|style)/i.test(parts.script + parts.style)) throw new Error('a preview script must not contain "</script" or "</style"');
    if (!/^[A-Za-z0-9+/=]+$/.test(parts.nonce)) throw new Error('a nonce is base64');
    const data = parts.data === undefined ? '' : `<script type="application/json" id="kto-data">${jsonForScript(parts.data)}</script>\n`;
    return html`<!DOCTYPE html>
<html lang="${parts.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(parts.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${parts.title}</title>
<style>${new Html(parts.style)}</style>
</head>
<body${Object.entries(parts.bodyAttributes ?? {}).map(([name, value]) => html` ${name}="${value}"`)}>
${parts.body}
`.value + data + `<script nonce="${parts.nonce}">${parts.script}</script>\n</body>\n</html>\n`;
}
