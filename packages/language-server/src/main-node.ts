import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createKtoLspServices } from './kto-lsp-module.js';
import { startKtoServer } from './server.js';

// `kto-language-server --stdio` (or --node-ipc / --socket=N, as vscode-languageserver parses them).
const connection = createConnection(ProposedFeatures.all);
startKtoServer(connection, createKtoLspServices({ connection, ...NodeFileSystem }));
