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
