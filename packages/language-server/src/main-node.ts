import { NodeFileSystem } from 'langium/node';
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createKtoLspServices } from './kto-lsp-module.js';

// `kto-language-server --stdio` (or --node-ipc / --socket=N, as vscode-languageserver parses them).
const connection = createConnection(ProposedFeatures.all);
const { shared } = createKtoLspServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
