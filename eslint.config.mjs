// Lint: typescript-eslint's recommended rules with type information, no floating promises, and
// the import boundaries of DESIGN.md section 4.
import tseslint from "typescript-eslint";

/** Only the extension layer (src/*.ts) talks to VS Code. */
const noVscode = {
  name: "vscode",
  message: "Only the extension layer (src/*.ts) may import vscode: src/core, the runner, the SDK, the CLI, the protocol and the webview run without it.",
};

/** The protocol's schemas pull zod in: the SDK holds no zod of its own and the webview bundle must not grow by it. */
const protocolTypesOnly = {
  group: ["**/protocol/*", "../protocol/*", "../src/protocol/*"],
  allowTypeImports: true,
  message: "Import only types from the protocol here (import type): its schemas bring zod with them.",
};

export default tseslint.config(
  { ignores: ["dist/**", "out/**", "node_modules/**", ".vscode-test/**", "vsix/**", "test-results/**", "test/e2e/fixtures/**", "test/browser/fixtures/**", "examples/out/**"] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // test/tsconfig.json covers src, examples, bench and scripts as well; webview/ has its own (DOM).
      parserOptions: { project: ["./webview/tsconfig.json", "./test/tsconfig.json"], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": [
        "error",
        { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "describe", "it", "suite", "before", "after"] }] },
      ],
      // Async functions that satisfy a Promise-returning signature (pause handlers, serializers) need no await.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/*/**/*.ts", "webview/**/*.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: [noVscode] }] },
  },
  {
    files: ["src/sdk/**/*.ts", "webview/**/*.ts", "src/shared/**/*.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: [noVscode], patterns: [protocolTypesOnly] }] },
  },
  {
    // Tests read JSON fixtures and poke at pages: `any` from JSON.parse and page.evaluate is expected there.
    files: ["test/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
  {
    files: ["**/*.mjs", "**/*.cjs", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
