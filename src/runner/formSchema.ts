// Turns the flow's schema into what the form renders (JSON Schema, always an object) and checks
// form values with the flow's own schema. The JSON Schema only drives rendering; validation is
// always the schema's own (refinements included).
import { createRequire } from "node:module";
import type { JsonSchema } from "../protocol/common";
import { isRecord } from "../shared/guards";
import { formJsonSchema, toFlowValue, toFormIssue } from "../shared/formValue";
import { validateWith, type StandardSchemaV1, type Validation } from "../sdk/standardSchema";

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
    jsonSchema = toJsonSchema(schema, flowFile, warnings);
  } catch (error) {
    warnings.push(`The schema could not be turned into form fields (${(error as Error).message}); edit the value as JSON.`);
    jsonSchema = {};
  }
  delete jsonSchema.$schema;
  const form = formJsonSchema(jsonSchema);
  return {
    ...form,
    warnings,
    async validate(formValue) {
      const result = await validateWith(schema, reviveDates(schema, toFlowValue(form, formValue)));
      return result.ok ? result : { ok: false, issues: result.issues.map((issue) => toFormIssue(form, issue)) };
    },
  };
}

function toJsonSchema(schema: StandardSchemaV1, flowFile: string, warnings: string[]): JsonSchema {
  if (isZod4(schema)) {
    return zod4ToJsonSchema(flowFile)(schema, {
      io: "input",
      unrepresentable: (ctx: { zodSchema: Zod4; path: (string | number)[] }) => {
        const type = ctx.zodSchema._zod.def.type;
        if (type === "date") return { type: "string", format: "date-time" };
        warnings.push(`${describePath(ctx.path)}: a ${type} cannot be shown as a form field; edit it as JSON.`);
        return "any";
      },
      override: (ctx: { zodSchema: Zod4; jsonSchema: JsonSchema }) => dropInexactPatterns(ctx.zodSchema, ctx.jsonSchema),
    });
  }
  if (isZod3(schema)) {
    // Loaded only for zod 3 schemas: it costs a start-up that most runs never need.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { zodToJsonSchema } = require("zod-to-json-schema") as typeof import("zod-to-json-schema");
    // applyRegexFlags writes a flag (i, m, s) into the pattern itself, so the form checks what the schema does.
    return zodToJsonSchema(schema as never, { target: "jsonSchema7", $refStrategy: "root", pipeStrategy: "input", applyRegexFlags: true });
  }
  warnings.push(`The schema (${schema["~standard"].vendor}) is not a zod schema, so the form cannot show its fields; edit the value as JSON.`);
  return {};
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

// ---- dates: the form sends ISO strings where the schema wants Date objects

interface Zod4 {
  _zod: { def: { type: string; [key: string]: unknown } };
}
interface Zod3 {
  _def: { typeName: string; [key: string]: unknown };
}

function isZod4(schema: unknown): schema is Zod4 {
  return isRecord(schema) && isRecord(schema._zod);
}
function isZod3(schema: unknown): schema is Zod3 {
  return isRecord(schema) && isRecord(schema._def) && typeof schema._def.typeName === "string";
}

/** Replaces ISO date strings by Dates wherever the schema (zod 3 or 4) expects a date. */
export function reviveDates(schema: unknown, value: unknown, depth = 0): unknown {
  if (depth > 64 || value === undefined || value === null) return value;
  const node = schemaNode(schema);
  const next = (inner: unknown, v: unknown) => reviveDates(inner, v, depth + 1);
  switch (node?.kind) {
    case "date":
      return typeof value === "string" ? (calendarDate(value) ?? value) : value;
    case "wrapper":
      return next(node.inner, value);
    case "object":
      if (!isRecord(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k in node.shape ? next(node.shape[k], v) : v]));
    case "record":
      return isRecord(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, next(node.values, v)])) : value;
    case "array":
      return Array.isArray(value) ? value.map((v) => next(node.element, v)) : value;
    case "tuple":
      return Array.isArray(value) ? value.map((v, i) => next(i < node.items.length ? node.items[i] : node.rest, v)) : value;
    case "union":
      // The first option that changes the value is the one it was meant for; the schema decides after.
      for (const option of node.options) {
        const revived = next(option, value);
        if (revived !== value) return revived;
      }
      return value;
    case "intersection":
      return mergeRevived(next(node.left, value), next(node.right, value), value);
    default:
      return value;
  }
}

/** A Date for an ISO date or date-time string of a day that exists ("2024-02-30" is none). */
function calendarDate(text: string): Date | undefined {
  const time = Date.parse(text);
  if (Number.isNaN(time)) return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (day) {
    const [year, month, date] = day.slice(1).map(Number) as [number, number, number];
    const check = new Date(Date.UTC(year, month - 1, date));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return undefined;
  }
  return new Date(time);
}

/** Both sides of an intersection revive their own fields of one object. */
function mergeRevived(left: unknown, right: unknown, original: unknown): unknown {
  if (!isRecord(left) || !isRecord(right) || !isRecord(original)) return left !== original ? left : right;
  return Object.fromEntries(Object.keys(original).map((k) => [k, left[k] !== original[k] ? left[k] : right[k]]));
}

type SchemaNode =
  | { kind: "date" }
  | { kind: "wrapper"; inner: unknown }
  | { kind: "object"; shape: Record<string, unknown> }
  | { kind: "record"; values: unknown }
  | { kind: "array"; element: unknown }
  | { kind: "tuple"; items: unknown[]; rest: unknown }
  | { kind: "union"; options: unknown[] }
  | { kind: "intersection"; left: unknown; right: unknown }
  | { kind: "other" };

const WRAPPERS_4 = ["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"];
const WRAPPERS_3 = ["ZodOptional", "ZodNullable", "ZodDefault", "ZodReadonly", "ZodCatch", "ZodBranded"];

function schemaNode(schema: unknown): SchemaNode | undefined {
  if (isZod4(schema)) {
    const def = schema._zod.def;
    switch (def.type) {
      case "date":
        return { kind: "date" };
      case "pipe":
        return { kind: "wrapper", inner: def.in };
      case "lazy":
        return { kind: "wrapper", inner: (def.getter as () => unknown)() };
      case "object":
        return { kind: "object", shape: def.shape as Record<string, unknown> };
      case "record":
        return { kind: "record", values: def.valueType };
      case "array":
        return { kind: "array", element: def.element };
      case "tuple":
        return { kind: "tuple", items: def.items as unknown[], rest: def.rest };
      case "union":
        return { kind: "union", options: def.options as unknown[] };
      case "intersection":
        return { kind: "intersection", left: def.left, right: def.right };
      default:
        return WRAPPERS_4.includes(def.type) ? { kind: "wrapper", inner: def.innerType } : { kind: "other" };
    }
  }
  if (isZod3(schema)) {
    const def = schema._def;
    switch (def.typeName) {
      case "ZodDate":
        return { kind: "date" };
      case "ZodEffects":
        return { kind: "wrapper", inner: def.schema };
      case "ZodPipeline":
        return { kind: "wrapper", inner: def.in };
      case "ZodLazy":
        return { kind: "wrapper", inner: (def.getter as () => unknown)() };
      case "ZodObject":
        return { kind: "object", shape: (def.shape as () => Record<string, unknown>)() };
      case "ZodRecord":
        return { kind: "record", values: def.valueType };
      case "ZodArray":
        return { kind: "array", element: def.type };
      case "ZodTuple":
        return { kind: "tuple", items: def.items as unknown[], rest: def.rest };
      case "ZodUnion":
      case "ZodDiscriminatedUnion":
        return { kind: "union", options: [...(def.options as Iterable<unknown>)] };
      case "ZodIntersection":
        return { kind: "intersection", left: def.left, right: def.right };
      default:
        return WRAPPERS_3.includes(def.typeName) ? { kind: "wrapper", inner: def.innerType ?? def.type } : { kind: "other" };
    }
  }
  return undefined;
}
