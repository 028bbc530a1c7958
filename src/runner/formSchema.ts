// Turns the flow's schema into what the form renders (JSON Schema, always an object) and checks
// form values with the flow's own schema. The JSON Schema only drives rendering; validation is
// always the schema's own (refinements included).
import { createRequire } from "node:module";
import type { JsonSchema } from "../protocol/common";
import { isRecord } from "../shared/guards";
import { toJsonForm } from "../shared/jsonForm";
import { formJsonSchema, toFlowValue, toFormIssue } from "../shared/formValue";
import { validateWith, type StandardSchemaV1, type Validation } from "../sdk/standardSchema";
import { bigintSchema, dateSchema, fileSchema, mapSchema, setSchema } from "./jsonForms";
import { reviveValues } from "./reviveValues";
import { isDateCheck, isZod3, isZod3Custom, isZod3DateCheck, isZod4, type Zod3, type Zod4 } from "./zodNodes";

export interface FormSchema {
  jsonSchema: JsonSchema;
  /** The flow's schema is not an object: the form has one field, `value`, holding what the flow receives. */
  wrapped: boolean;
  warnings: string[];
  /** Checks a form-shaped value; on success `value` is what the flow receives (unwrapped, parsed). */
  validate(formValue: unknown): Promise<Validation>;
}

type ToJsonSchema = (schema: unknown, params: Record<string, unknown>) => JsonSchema;

/** The form for a pause without input: no fields, a bare "Resume". */
export const NO_INPUT: FormSchema = {
  jsonSchema: { type: "object", properties: {} },
  wrapped: false,
  warnings: [],
  validate: async () => ({ ok: true, value: undefined }),
};

/**
 * @param flowFile the flow's file: zod 4 schemas are converted with the zod its folder resolves,
 *   the same copy that built them, falling back to the runner's own.
 */
export function makeFormSchema(schema: StandardSchemaV1, flowFile: string): FormSchema {
  const warnings: string[] = [];
  let jsonSchema: JsonSchema;
  try {
    // Defaults and examples are the schema's own values: a bigint default (zod 3 writes 5n) goes in
    // its JSON form, or the pause could not be sent at all.
    jsonSchema = toJsonForm(toJsonSchema(schema, flowFile, warnings)) as JsonSchema;
  } catch (error) {
    warnings.push(`The schema could not be turned into form fields (${(error as Error).message}); edit the value as JSON.`);
    jsonSchema = {};
  }
  delete jsonSchema.$schema;
  const form = formJsonSchema(jsonSchema);
  return {
    ...form,
    warnings: [...new Set(warnings)],
    async validate(formValue) {
      const result = await validateWith(schema, reviveValues(schema, toFlowValue(form, formValue)));
      return result.ok ? result : { ok: false, issues: result.issues.map((issue) => toFormIssue(form, issue)) };
    },
  };
}

function toJsonSchema(schema: StandardSchemaV1, flowFile: string, warnings: string[]): JsonSchema {
  if (isZod4(schema)) return zod4JsonSchema(schema, zod4ToJsonSchema(flowFile), warnings, [], new Set());
  if (isZod3(schema)) {
    // Loaded only for zod 3 schemas: it costs a start-up that most runs never need.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { zodToJsonSchema } = require("zod-to-json-schema") as typeof import("zod-to-json-schema");
    // applyRegexFlags writes a flag (i, m, s) into the pattern itself, so the form checks what the schema does.
    return zodToJsonSchema(schema as never, {
      target: "jsonSchema7",
      $refStrategy: "root",
      pipeStrategy: "input",
      applyRegexFlags: true,
      postProcess: (jsonSchema, def, refs) => zod3JsonForm(def as Zod3["_def"], jsonSchema as JsonSchema | undefined, refs.currentPath.slice(1), warnings) as never,
    });
  }
  warnings.push(`The schema (${schema["~standard"].vendor}) is not a zod schema, so the form cannot show its fields; edit the value as JSON.`);
  return {};
}

/**
 * zod 4: what JSON cannot carry gets the schema of its JSON form (jsonForms.ts); a set's or a map's
 * own schemas are converted on their own, `open` holding those under way so a recursive one ends.
 */
function zod4JsonSchema(schema: Zod4, convert: ToJsonSchema, warnings: string[], basePath: (string | number)[], open: Set<Zod4>): JsonSchema {
  return convert(schema, {
    io: "input",
    unrepresentable: (ctx: { zodSchema: Zod4; path: (string | number)[] }) => {
      const path = [...basePath, ...ctx.path];
      const inner = (child: unknown): JsonSchema | undefined => {
        if (open.has(ctx.zodSchema) || !isZod4(child)) return undefined;
        open.add(ctx.zodSchema);
        const json = zod4JsonSchema(child, convert, warnings, [...path, "items"], open);
        open.delete(ctx.zodSchema);
        delete json.$schema;
        // A reference would point into a document of its own.
        return JSON.stringify(json).includes('"$ref"') ? undefined : json;
      };
      // A bigint default, or a catch value from a function: the override below writes what it can.
      if (givesDefault(ctx.zodSchema)) return {};
      const form = zod4JsonForm(ctx.zodSchema, inner);
      if (form) return form;
      warnings.push(unrepresentable(path, ctx.zodSchema._zod.def.type));
      return "any";
    },
    override: (ctx: { zodSchema: Zod4; jsonSchema: JsonSchema }) => {
      if (ctx.zodSchema._zod.def.type === "file") replaceFileSchema(ctx.jsonSchema);
      if (givesDefault(ctx.zodSchema)) writeDefault(ctx.zodSchema, ctx.jsonSchema);
      dropInexactPatterns(ctx.zodSchema, ctx.jsonSchema);
    },
  });
}

function zod4JsonForm(schema: Zod4, inner: (child: unknown) => JsonSchema | undefined): JsonSchema | undefined {
  const def = schema._zod.def;
  switch (def.type) {
    case "date":
      return dateSchema();
    case "custom":
      return isDateCheck(schema) ? dateSchema() : undefined;
    case "bigint":
      return bigintSchema();
    case "set": {
      const items = inner(def.valueType);
      return items && setSchema(items);
    }
    case "map": {
      const key = inner(def.keyType);
      const value = key && inner(def.valueType);
      return key && value && mapSchema(key, value);
    }
    default:
      return undefined;
  }
}

function givesDefault(schema: Zod4): boolean {
  return ["default", "prefault", "catch"].includes(schema._zod.def.type);
}

/**
 * zod writes a default through JSON.stringify, so a Map or a Set becomes {} and a bigint fails the
 * whole schema; the default goes in its JSON form instead. A catch value from a function that needs
 * the failed input gives no default.
 */
function writeDefault(schema: Zod4, json: JsonSchema): void {
  const def = schema._zod.def;
  delete json._prefault;
  if (def.type !== "catch") {
    json.default = toJsonForm(def.defaultValue);
    return;
  }
  try {
    json.default = toJsonForm((def.catchValue as (ctx: unknown) => unknown)(undefined));
  } catch {
    delete json.default;
  }
}

/** zod 4 writes a file as a binary string; the form gets its JSON form, keeping the MIME types it accepts. */
function replaceFileSchema(json: JsonSchema): void {
  const mime = typeof json.contentMediaType === "string" ? [json.contentMediaType] : Array.isArray(json.anyOf) ? json.anyOf.map((m) => (m as JsonSchema).contentMediaType) : undefined;
  for (const key of ["type", "format", "contentEncoding", "contentMediaType", "anyOf", "minLength", "maxLength", "not"]) delete json[key];
  Object.assign(json, fileSchema(mime?.filter((m): m is string => typeof m === "string")));
}

const ZOD3_KINDS: Record<string, string> = { ZodFunction: "function", ZodSymbol: "symbol", ZodNaN: "nan", ZodUndefined: "undefined", ZodVoid: "void" };

/**
 * zod 3: zod-to-json-schema writes a bigint as an int64 integer, a map's pairs as draft 7 tuples of
 * at most 125 entries, `z.instanceof(Date)` as anything, and leaves out what it cannot write.
 */
function zod3JsonForm(def: Zod3["_def"], json: JsonSchema | undefined, path: string[], warnings: string[]): JsonSchema | undefined {
  const kind = ZOD3_KINDS[def.typeName] ?? (isZod3Custom(def) && !isZod3DateCheck(def) ? "custom" : undefined);
  if (kind) {
    warnings.push(unrepresentable(path, kind));
    return {};
  }
  if (!json) return json;
  const { description } = json;
  const annotated = (form: JsonSchema) => (description === undefined ? form : { ...form, description });
  if (def.typeName === "ZodBigInt") return annotated(bigintSchema());
  if (isZod3DateCheck(def)) return annotated(dateSchema());
  if (def.typeName === "ZodMap") {
    const pair = (json.items as JsonSchema | undefined)?.items;
    if (Array.isArray(pair) && pair.length === 2) return annotated(mapSchema(pair[0] as JsonSchema, pair[1] as JsonSchema));
  }
  return json;
}

const KIND_NAMES: Record<string, string> = { custom: "a custom check", nan: "NaN", undefined: "an undefined value", void: "a void value" };
/** No form answer and no JSON value is one of these. */
const NEVER_ANSWERABLE = new Set(["function", "symbol", "nan"]);

/** The warning for a field the form cannot show. */
function unrepresentable(path: (string | number)[], kind: string): string {
  const what = KIND_NAMES[kind] ?? `a ${kind}`;
  return NEVER_ANSWERABLE.has(kind)
    ? `${describePath(path)}: ${what} cannot be given in a form or in JSON, so the flow's schema will refuse any value for it.`
    : `${describePath(path)}: ${what} cannot be shown as a form field; edit it as JSON.`;
}

/**
 * JSON Schema has no regex flags: a pattern whose flags (i, m, s...) change what it matches is left
 * out of the form's checks and to the flow's own schema in the runner, since the form's checks must
 * never be stricter than the flow's.
 */
function dropInexactPatterns(zodSchema: Zod4, jsonSchema: JsonSchema): void {
  const checks = (zodSchema._zod.def.checks ?? []) as Zod4[];
  const inexact = new Set(
    checks
      .map((check) => check._zod.def.pattern)
      .filter((pattern): pattern is RegExp => pattern instanceof RegExp && pattern.flags.replace("u", "") !== "")
      .map((pattern) => pattern.source),
  );
  if (inexact.size === 0) return;
  if (typeof jsonSchema.pattern === "string" && inexact.has(jsonSchema.pattern)) delete jsonSchema.pattern;
  if (Array.isArray(jsonSchema.allOf)) {
    const kept = jsonSchema.allOf.filter((part) => !(isRecord(part) && typeof part.pattern === "string" && inexact.has(part.pattern)));
    if (kept.length) jsonSchema.allOf = kept;
    else delete jsonSchema.allOf;
  }
}

let cachedToJsonSchema: { file: string; fn: ToJsonSchema } | undefined;

function zod4ToJsonSchema(flowFile: string): ToJsonSchema {
  if (cachedToJsonSchema?.file === flowFile) return cachedToJsonSchema.fn;
  let core: { toJSONSchema: ToJsonSchema };
  try {
    core = createRequire(flowFile)("zod/v4/core") as typeof core;
  } catch {
    core = createRequire(__filename)("zod/v4/core") as typeof core;
  }
  const fn = core.toJSONSchema;
  cachedToJsonSchema = { file: flowFile, fn };
  return fn;
}

/** A JSON Schema path (properties.a.items) told as the field it names (a[]). */
function describePath(path: (string | number)[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    if (path[i] === "properties") parts.push(String(path[++i]));
    else if (path[i] === "items" || path[i] === "additionalProperties") parts.push("[]");
  }
  return parts.join(".").replace(/\.\[\]/g, "[]") || "the value";
}
