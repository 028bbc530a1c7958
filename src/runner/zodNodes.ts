// What the runner knows of zod's internals, for zod 4 (`_zod.def.type`) and zod 3 (`_def.typeName`).
import { isRecord } from "../shared/guards";

export interface Zod4 {
  _zod: { def: { type: string; [key: string]: unknown }; bag?: Record<string, unknown> };
}
export interface Zod3 {
  _def: { typeName: string; [key: string]: unknown };
}

export function isZod4(schema: unknown): schema is Zod4 {
  return isRecord(schema) && isRecord(schema._zod);
}
export function isZod3(schema: unknown): schema is Zod3 {
  return isRecord(schema) && isRecord(schema._def) && typeof schema._def.typeName === "string";
}

/**
 * `z.instanceof(Date)` (zod 4): a `custom` node. zod keeps the class in its bag; a custom check
 * without one counts as a Date check when it takes a Date and refuses a string that looks like one.
 */
export function isDateCheck(schema: Zod4): boolean {
  const def = schema._zod.def;
  if (def.type !== "custom") return false;
  const Class = schema._zod.bag?.Class;
  if (Class !== undefined) return Class === Date;
  if (typeof def.fn !== "function") return false;
  const check = def.fn as (value: unknown) => unknown;
  try {
    return check(new Date(0)) === true && check("1970-01-01T00:00:00.000Z") === false;
  } catch {
    return false;
  }
}

/**
 * `z.instanceof(Date)` (zod 3): `z.any()` refined by a check that takes a Date and refuses a string
 * that looks like one. The check reports through its context, so it is run with one that records that.
 */
export function isZod3DateCheck(def: Zod3["_def"]): boolean {
  if (!isZod3Custom(def)) return false;
  const effect = def.effect;
  if (!isRecord(effect) || effect.type !== "refinement" || typeof effect.refinement !== "function") return false;
  const refinement = effect.refinement as (value: unknown, ctx: unknown) => unknown;
  const passes = (value: unknown) => {
    let failed = false;
    const result = refinement(value, { addIssue: () => (failed = true), path: [] });
    if (result instanceof Promise) {
      result.catch(() => undefined);
      return undefined;
    }
    return !failed && result !== false;
  };
  try {
    return passes(new Date(0)) === true && passes("1970-01-01T00:00:00.000Z") === false;
  } catch {
    return false;
  }
}

/** `z.custom(check)` and `z.instanceof(Class)` (zod 3): `z.any()` with a refinement. */
export function isZod3Custom(def: Zod3["_def"]): boolean {
  return def.typeName === "ZodEffects" && isZod3(def.schema) && def.schema._def.typeName === "ZodAny";
}
