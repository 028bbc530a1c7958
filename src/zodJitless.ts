// Imported first by the extension host: zod's JIT probes `navigator` to detect Cloudflare, and in
// VS Code's extension host reading `navigator` logs a PendingMigrationError at every activation.
// Without the JIT the probe never runs; the host parses few, small messages, so speed is unchanged.
import * as z from "zod";

z.config({ jitless: true });
