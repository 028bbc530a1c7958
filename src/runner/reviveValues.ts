// The form and an answers file send JSON; where the flow's schema (zod 3 or 4) expects a value JSON
// cannot carry, its JSON form (jsonForms.ts) is turned into that value before the schema checks it.
// What is not in the JSON form is left as it is, for the schema's own message to say what is wrong.
import { isFileForm } from "../shared/formValue";
import { isRecord } from "../shared/guards";
import { BIGINT_PATTERN } from "./jsonForms";
import { isDateCheck, isZod3, isZod3DateCheck, isZod4 } from "./zodNodes";

const BIGINT = new RegExp(BIGINT_PATTERN);

export function reviveValues(schema: unknown, value: unknown, depth = 0): unknown {
  if (depth > 64 || value === undefined || value === null) return value;
  const node = schemaNode(schema);
  const next = (inner: unknown, v: unknown) => reviveValues(inner, v, depth + 1);
  switch (node?.kind) {
    case "date":
      return typeof value === "string" ? (calendarDate(value) ?? value) : value;
    case "bigint":
      return typeof value === "string" && BIGINT.test(value) ? BigInt(value) : value;
    case "file":
      return fileOf(value) ?? value;
    case "set":
      return Array.isArray(value) ? new Set(value.map((v) => next(node.element, v))) : value;
    case "map":
      if (!Array.isArray(value) || !value.every((entry) => Array.isArray(entry) && entry.length === 2)) return value;
      return new Map((value as [unknown, unknown][]).map(([k, v]) => [next(node.key, k), next(node.value, v)]));
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

/** A File for `{ name, type, base64 }`. */
function fileOf(value: unknown): File | undefined {
  if (!isFileForm(value)) return undefined;
  return new File([Buffer.from(value.base64, "base64")], value.name, { type: value.type });
}

/** Both sides of an intersection revive their own fields of one object. */
function mergeRevived(left: unknown, right: unknown, original: unknown): unknown {
  if (!isRecord(left) || !isRecord(right) || !isRecord(original)) return left !== original ? left : right;
  return Object.fromEntries(Object.keys(original).map((k) => [k, left[k] !== original[k] ? left[k] : right[k]]));
}

type SchemaNode =
  | { kind: "date" | "bigint" | "file" | "other" }
  | { kind: "set"; element: unknown }
  | { kind: "map"; key: unknown; value: unknown }
  | { kind: "wrapper"; inner: unknown }
  | { kind: "object"; shape: Record<string, unknown> }
  | { kind: "record"; values: unknown }
  | { kind: "array"; element: unknown }
  | { kind: "tuple"; items: unknown[]; rest: unknown }
  | { kind: "union"; options: unknown[] }
  | { kind: "intersection"; left: unknown; right: unknown };

const WRAPPERS_4 = ["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"];
const WRAPPERS_3 = ["ZodOptional", "ZodNullable", "ZodDefault", "ZodReadonly", "ZodCatch", "ZodBranded"];

function schemaNode(schema: unknown): SchemaNode | undefined {
  if (isZod4(schema)) {
    const def = schema._zod.def;
    switch (def.type) {
      case "date":
      case "bigint":
      case "file":
        return { kind: def.type };
      case "custom":
        return { kind: isDateCheck(schema) ? "date" : "other" };
      case "set":
        return { kind: "set", element: def.valueType };
      case "map":
        return { kind: "map", key: def.keyType, value: def.valueType };
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
      case "ZodBigInt":
        return { kind: "bigint" };
      case "ZodSet":
        return { kind: "set", element: def.valueType };
      case "ZodMap":
        return { kind: "map", key: def.keyType, value: def.valueType };
      case "ZodEffects":
        return isZod3DateCheck(def) ? { kind: "date" } : { kind: "wrapper", inner: def.schema };
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
