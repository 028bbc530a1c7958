// Imported first by extension.ts, so this runs as the bundle starts to load: what activation costs
// is measured from here (VS Code's own wait for the extension's storage comes between).
export const bundleStarted = performance.now();
