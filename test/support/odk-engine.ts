import { JSDOM } from 'jsdom';

/**
 * Loads `@getodk/xforms-engine` (ODK Web Forms' engine) headless in Node. The engine expects a
 * browser: it needs the DOM globals (from jsdom) and, for its bundled tree-sitter WASM loader,
 * `__dirname` and a CommonJS `module`. Both shims are set before the engine is imported, once.
 */
type Engine = typeof import('@getodk/xforms-engine');

let loading: Promise<Engine> | undefined;

export function loadOdkEngine(): Promise<Engine> {
    loading ??= (async () => {
        const g = globalThis as Record<string, unknown>;
        g.__dirname ??= '/';
        g.module ??= { exports: {} };
        const { window } = new JSDOM('');
        for (const name of ['window', 'document', 'DOMParser', 'XMLSerializer', 'Node', 'Element', 'Document', 'Attr', 'Text', 'XPathResult', 'NodeFilter'] as const) {
            if (g[name] === undefined) g[name] = (window as unknown as Record<string, unknown>)[name];
        }
        return import('@getodk/xforms-engine');
    })();
    return loading;
}
