// Values JSON cannot carry, in the one JSON form each has on the wire and in an answers file (the
// runner turns them back, runner/reviveValues.ts): a bigint is a string of digits, a set an array,
// a map an array of [key, value] pairs, a date an ISO string.

/** The value with every bigint, Set, Map and Date in its JSON form; throws a TypeError for a circular value. */
export function toJsonForm(value: unknown, seen: Set<object> = new Set()): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value)) throw new TypeError("it is circular");
  seen.add(value);
  try {
    if (value instanceof Map) return [...value].map(([k, v]) => [toJsonForm(k, seen), toJsonForm(v, seen)]);
    if (value instanceof Set || Array.isArray(value)) return [...value].map((v: unknown) => toJsonForm(v, seen));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonForm(v, seen)]));
  } finally {
    seen.delete(value);
  }
}
