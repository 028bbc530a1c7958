// The one JSON form of each value JSON cannot carry, as the form's JSON Schema shows it; the runner
// turns these forms back into the values (reviveValues.ts). Documented in the README's CLI section.
import type { JsonSchema } from "../protocol/common";
import { FILE_MARK } from "../shared/formValue";

/** A bigint: a string of digits, with an optional leading minus. */
export const BIGINT_PATTERN = "^-?\\d+$";

export function bigintSchema(): JsonSchema {
  return { type: "string", pattern: BIGINT_PATTERN, minLength: 1, format: "bigint" };
}

/** A date (`z.date()`, `z.instanceof(Date)`): an ISO string. */
export function dateSchema(): JsonSchema {
  return { type: "string", format: "date-time" };
}

/** A set: an array. Its uniqueness is the Set's own business, so the form does not check it. */
export function setSchema(items: JsonSchema): JsonSchema {
  return { type: "array", uniqueItems: true, items };
}

/**
 * A map: an array of [key, value] pairs, each a fixed two-item tuple. The titles Entry, Key and
 * Value are what the webview labels the rows and their two fields with.
 */
export function mapSchema(key: JsonSchema, value: JsonSchema): JsonSchema {
  return {
    type: "array",
    items: { type: "array", title: "Entry", prefixItems: [{ ...key, title: "Key" }, { ...value, title: "Value" }], items: false, minItems: 2, maxItems: 2 },
  };
}

/** A file: `{ name, type, base64 }`. */
export function fileSchema(accept: string[] | undefined): JsonSchema {
  return {
    type: "object",
    [FILE_MARK]: accept ? { accept } : {},
    properties: { name: { type: "string" }, type: { type: "string" }, base64: { type: "string", contentEncoding: "base64" } },
    required: ["name", "type", "base64"],
  };
}
