// Loads the built extension (argv[2]) in a Node process of its own, with a stand-in for the `vscode`
// module, activates it, and prints whether zod and the `net` module (vscode-jsonrpc's sockets to
// the runner host) had been loaded by the time activation returned, and again a moment later.
const Module = require("node:module");

const extension = process.argv[2];
// Every property of the stand-in is the stand-in, callable and constructible, and takes any
// assignment; settings read as unset.
const stub = new Proxy(function () {}, {
  get: (_, key) => (key === "then" || key === "__esModule" ? undefined : key === "get" ? () => undefined : stub),
  apply: () => stub,
  construct: () => stub,
  set: () => true,
});
// esbuild's interop builds the module object on the module's prototype: the stand-in's.
const vscode = Object.create(stub);

const builtins = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === "vscode") return vscode;
  if (Module.isBuiltin(request)) builtins.add(request.replace(/^node:/, ""));
  return load.call(this, request, ...rest);
};

const seen = (after) => ({ after, zod: globalThis.__zod_globalConfig !== undefined, net: builtins.has("net") });
const { activate } = require(extension);
activate(stub);
queueMicrotask(() => {
  const atActivation = seen("activation");
  setTimeout(() => {
    process.stdout.write(JSON.stringify([atActivation, seen("the runs loaded")]));
    process.exit(0);
  }, 300);
});
