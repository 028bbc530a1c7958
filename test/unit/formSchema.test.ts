import { strict as assert } from "node:assert";
import { test } from "node:test";
import * as z from "zod";
import { z as z3 } from "zod/v3";
import { makeFormSchema } from "../../src/runner/formSchema";
import { reviveValues } from "../../src/runner/reviveValues";

const here = __filename;

test("an object schema is the form as it is; anything else is wrapped as the field `value`", () => {
  const object = makeFormSchema(z.object({ a: z.string() }), here);
  assert.equal(object.wrapped, false);
  assert.deepEqual(object.jsonSchema, { type: "object", properties: { a: { type: "string" } }, required: ["a"] });
  const bare = makeFormSchema(z.number().int().describe("Count").meta({ title: "How many" }), here);
  assert.equal(bare.wrapped, true);
  assert.deepEqual(bare.jsonSchema, {
    type: "object",
    title: "How many",
    properties: { value: { type: "integer", description: "Count", minimum: -9007199254740991, maximum: 9007199254740991 } },
    required: ["value"],
  });
});

test("a union of objects is not wrapped: the form picks a variant and the flow gets that object", async () => {
  const Shape = z.discriminatedUnion("kind", [z.object({ kind: z.literal("circle"), r: z.number() }), z.object({ kind: z.literal("square"), side: z.number() })]);
  const form = makeFormSchema(Shape, here);
  assert.equal(form.wrapped, false);
  assert.deepEqual(await form.validate({ kind: "square", side: 2 }), { ok: true, value: { kind: "square", side: 2 } });
  assert.equal(makeFormSchema(z.union([z.object({ a: z.string() }), z.number()]), here).wrapped, true, "a union with a non-object is one field");
});

test("a wrapped recursive schema keeps its definitions at the root, and '#' points at the field", () => {
  type Tree = { name: string; kids: Tree[] };
  const Tree: z.ZodType<Tree> = z.object({ name: z.string(), get kids() { return z.array(Tree); } });
  const wrapped = makeFormSchema(z.array(Tree), here).jsonSchema;
  assert.ok(wrapped.$defs, "the definitions are at the root");
  assert.ok(!JSON.stringify((wrapped.properties as Record<string, unknown>).value).includes('"$defs"'));
  const Nested: z.ZodType = z.array(z.union([z.string(), z.lazy(() => Nested)]));
  const text = JSON.stringify(makeFormSchema(Nested, here).jsonSchema);
  assert.ok(text.includes('"$ref":"#/properties/value"') && !text.includes('"$ref":"#"'), text);
});

test("validate unwraps a wrapped value and puts `value` in front of issue paths", async () => {
  const form = makeFormSchema(z.array(z.number()), here);
  assert.deepEqual(await form.validate({ value: [1, 2] }), { ok: true, value: [1, 2] });
  const bad = await form.validate({ value: [1, "x"] });
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.issues.map((i) => i.path), [["value", 1]]);
  assert.equal((await form.validate("not an object")).ok, false);
});

test("zod 4: dates become date-time strings; only what JSON cannot carry becomes a JSON field with a warning", () => {
  const form = makeFormSchema(z.object({ at: z.date(), sym: z.symbol(), list: z.array(z.object({ f: z.function() })) }), here);
  const props = form.jsonSchema.properties as Record<string, unknown>;
  assert.deepEqual(props.at, { type: "string", format: "date-time" });
  assert.deepEqual(props.sym, {});
  assert.deepEqual(form.warnings, [
    "sym: a symbol cannot be given in a form or in JSON, so the flow's schema will refuse any value for it.",
    "list[].f: a function cannot be given in a form or in JSON, so the flow's schema will refuse any value for it.",
  ]);
});

const entries = (key: unknown, value: unknown) => ({
  type: "array",
  items: { type: "array", title: "Entry", prefixItems: [{ ...(key as object), title: "Key" }, { ...(value as object), title: "Value" }], items: false, minItems: 2, maxItems: 2 },
});

test("zod 4: bigint, set, map, instanceof(Date) and file get the JSON Schema of their JSON form, with no warning", () => {
  const form = makeFormSchema(
    z.object({
      big: z.bigint(),
      tags: z.set(z.string()).describe("Tags"),
      prices: z.map(z.string(), z.date()),
      at: z.instanceof(Date),
      doc: z.file().mime("image/png"),
      nested: z.array(z.set(z.bigint())),
    }),
    here,
  );
  const props = form.jsonSchema.properties as Record<string, unknown>;
  const bigint = { type: "string", pattern: "^-?\\d+$", minLength: 1, format: "bigint" };
  assert.deepEqual(props.big, bigint);
  assert.deepEqual(props.tags, { type: "array", uniqueItems: true, items: { type: "string" }, description: "Tags" });
  assert.deepEqual(props.prices, entries({ type: "string" }, { type: "string", format: "date-time" }));
  assert.deepEqual(props.at, { type: "string", format: "date-time" });
  assert.deepEqual(props.doc, {
    type: "object",
    "x-pauseflow-file": { accept: ["image/png"] },
    properties: { name: { type: "string" }, type: { type: "string" }, base64: { type: "string", contentEncoding: "base64" } },
    required: ["name", "type", "base64"],
  });
  assert.deepEqual(props.nested, { type: "array", items: { type: "array", uniqueItems: true, items: bigint } });
  assert.deepEqual(form.warnings, []);
});

test("zod 3: bigint, set, map, date and instanceof(Date) get the JSON Schema of their JSON form", () => {
  const form = makeFormSchema(
    z3.object({ big: z3.bigint(), tags: z3.set(z3.number()), prices: z3.map(z3.string(), z3.date()), at: z3.date(), when: z3.instanceof(Date).describe("When"), list: z3.array(z3.instanceof(Date)) }),
    here,
  );
  const props = form.jsonSchema.properties as Record<string, unknown>;
  assert.deepEqual(props.big, { type: "string", pattern: "^-?\\d+$", minLength: 1, format: "bigint" });
  assert.deepEqual(props.tags, { type: "array", uniqueItems: true, items: { type: "number" } });
  assert.deepEqual(props.prices, entries({ type: "string" }, { type: "string", format: "date-time" }));
  assert.deepEqual(props.at, { type: "string", format: "date-time" });
  assert.deepEqual(props.when, { type: "string", format: "date-time", description: "When" });
  assert.deepEqual(props.list, { type: "array", items: { type: "string", format: "date-time" } });
  assert.deepEqual(form.warnings, []);
});

test("zod 3: what JSON cannot carry is a JSON field with the same warning as zod 4, not a field left out", () => {
  const form = makeFormSchema(z3.object({ f: z3.function(), sym: z3.symbol().optional(), url: z3.instanceof(URL), n: z3.nan(), free: z3.custom<string>() }), here);
  const props = form.jsonSchema.properties as Record<string, unknown>;
  assert.deepEqual(Object.keys(props), ["f", "sym", "url", "n", "free"]);
  assert.deepEqual(props.url, {});
  assert.deepEqual(form.warnings, [
    "f: a function cannot be given in a form or in JSON, so the flow's schema will refuse any value for it.",
    "sym: a symbol cannot be given in a form or in JSON, so the flow's schema will refuse any value for it.",
    "url: a custom check cannot be shown as a form field; edit it as JSON.",
    "n: NaN cannot be given in a form or in JSON, so the flow's schema will refuse any value for it.",
  ]);
});

test("the JSON forms become what the schema expects: Map, Set, bigint, Date and File (zod 4)", async () => {
  const schema = z.object({
    prices: z.map(z.string(), z.date()),
    tags: z.set(z.bigint()).optional(),
    big: z.bigint(),
    at: z.instanceof(Date),
    doc: z.file(),
    list: z.array(z.union([z.number(), z.set(z.string())])),
  });
  const form = makeFormSchema(schema, here);
  const result = await form.validate({
    prices: [["a", "2026-01-02T03:04:05.000Z"], ["b", "2026-01-03"]],
    tags: ["1", "-2", "1"],
    big: "-12345678901234567890",
    at: "2026-01-02T03:04:05.000Z",
    doc: { name: "hello.txt", type: "text/plain", base64: Buffer.from("hi there").toString("base64") },
    list: [1, ["x", "y"]],
  });
  assert.ok(result.ok, result.ok ? "" : JSON.stringify(result.issues));
  const value = result.value as z.infer<typeof schema>;
  assert.ok(value.prices instanceof Map && value.prices.get("a") instanceof Date);
  assert.equal(value.prices.get("b")!.toISOString(), "2026-01-03T00:00:00.000Z");
  assert.deepEqual(value.tags, new Set([1n, -2n]));
  assert.equal(value.big, -12345678901234567890n);
  assert.equal(value.at.toISOString(), "2026-01-02T03:04:05.000Z");
  assert.ok(value.doc instanceof File);
  assert.deepEqual([value.doc.name, value.doc.type, await value.doc.text()], ["hello.txt", "text/plain", "hi there"]);
  assert.deepEqual(value.list, [1, new Set(["x", "y"])]);
});

test("the JSON forms become what the schema expects for zod 3: Map, Set, bigint, Date, instanceof(Date)", async () => {
  const form = makeFormSchema(z3.object({ prices: z3.map(z3.string(), z3.date()), tags: z3.set(z3.bigint()), big: z3.bigint().optional(), at: z3.instanceof(Date) }), here);
  const result = await form.validate({ prices: [["a", "2026-01-02T03:04:05.000Z"]], tags: ["7"], big: "8", at: "2026-01-02" });
  assert.ok(result.ok, result.ok ? "" : JSON.stringify(result.issues));
  const value = result.value as { prices: Map<string, Date>; tags: Set<bigint>; big: bigint; at: Date };
  assert.equal(value.at.toISOString(), "2026-01-02T00:00:00.000Z");
  assert.equal((await form.validate({ prices: [], tags: [], at: "2024-02-30" })).ok, false);
  assert.equal(value.prices.get("a")!.toISOString(), "2026-01-02T03:04:05.000Z");
  assert.deepEqual(value.tags, new Set([7n]));
  assert.equal(value.big, 8n);
});

test("what is not the documented JSON form stays as it is, and the flow's schema says what is wrong", async () => {
  const form = makeFormSchema(z.object({ big: z.bigint(), prices: z.map(z.string(), z.number()), doc: z.file(), tags: z.set(z.string()) }), here);
  const result = await form.validate({ big: "12a", prices: { a: 1 }, doc: "hello.txt", tags: "x" });
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.issues.map((i) => i.path[0]), ["big", "prices", "doc", "tags"]);
});

test("zod 3 schemas go through zod-to-json-schema; dates are revived for them too", async () => {
  const schema = z3.object({ when: z3.date(), n: z3.number().optional() });
  const form = makeFormSchema(schema, here);
  assert.deepEqual(form.jsonSchema.properties, { when: { type: "string", format: "date-time" }, n: { type: "number" } });
  const result = await form.validate({ when: "2026-01-02T03:04:05.000Z" });
  assert.ok(result.ok && (result.value as { when: Date }).when instanceof Date);
});

test("a schema that is not zod still pauses, as one JSON field, with a warning", () => {
  const foreign = { "~standard": { version: 1 as const, vendor: "valibot", validate: (v: unknown) => ({ value: v }) } };
  const form = makeFormSchema(foreign, here);
  assert.equal(form.wrapped, true);
  assert.deepEqual(form.jsonSchema.properties, { value: {} });
  assert.match(form.warnings[0]!, /^The schema \(valibot\) is not a zod schema/);
});

test("reviveValues follows objects, arrays, optionals, defaults and pipes, and leaves bad strings alone", () => {
  const schema = z.object({ list: z.array(z.object({ d: z.date().optional() })), p: z.date().default(new Date(0)), s: z.string() });
  const revived = reviveValues(schema, { list: [{ d: "2026-01-01T00:00:00Z" }, {}], p: "nope", s: "2026-01-01T00:00:00Z" }) as {
    list: { d?: unknown }[];
    p: unknown;
    s: unknown;
  };
  assert.ok(revived.list[0]!.d instanceof Date);
  assert.equal(revived.p, "nope");
  assert.equal(revived.s, "2026-01-01T00:00:00Z");
});

test("dates inside a record, a tuple, a union or an intersection are revived too (zod 4 and zod 3)", async () => {
  const iso = "2026-01-02T03:04:05.000Z";
  const schemas = [
    z.object({ byDay: z.record(z.string(), z.date()), pair: z.tuple([z.string(), z.date()]), either: z.union([z.number(), z.date()]), both: z.intersection(z.object({ a: z.date() }), z.object({ b: z.string() })) }),
    z3.object({ byDay: z3.record(z3.string(), z3.date()), pair: z3.tuple([z3.string(), z3.date()]), either: z3.union([z3.number(), z3.date()]), both: z3.intersection(z3.object({ a: z3.date() }), z3.object({ b: z3.string() })) }),
  ];
  for (const schema of schemas) {
    const form = makeFormSchema(schema, here);
    const result = await form.validate({ byDay: { mon: iso }, pair: ["x", iso], either: iso, both: { a: iso, b: "y" } });
    assert.ok(result.ok, result.ok ? "" : JSON.stringify(result.issues));
    const value = result.value as { byDay: { mon: Date }; pair: [string, Date]; either: Date; both: { a: Date } };
    for (const date of [value.byDay.mon, value.pair[1], value.either, value.both.a]) assert.equal(date.toISOString(), iso);
  }
});

test("an impossible calendar date is refused, not moved to another day", async () => {
  const form = makeFormSchema(z.object({ day: z.date() }), here);
  for (const day of ["2024-02-30", "2023-02-29T10:00:00Z", "2024-13-01"]) {
    const result = await form.validate({ day });
    assert.equal(result.ok, false, `${day} was accepted`);
  }
  const leap = await form.validate({ day: "2024-02-29" });
  assert.ok(leap.ok && (leap.value as { day: Date }).day.toISOString().startsWith("2024-02-29"));
});

test("a pattern with a flag the JSON Schema cannot carry is left to the runner; the flow's schema still decides (zod 4 and zod 3)", async () => {
  const v4 = makeFormSchema(z.object({ code: z.string().regex(/^[a-z]+$/i), plain: z.string().regex(/^\d+$/) }), here);
  const properties = v4.jsonSchema.properties as Record<string, Record<string, unknown>>;
  assert.equal(properties.code!.pattern, undefined);
  assert.equal(properties.plain!.pattern, "^\\d+$");
  assert.ok((await v4.validate({ code: "ABC", plain: "1" })).ok);
  assert.equal((await v4.validate({ code: "AB1", plain: "1" })).ok, false);
  const v3 = makeFormSchema(z3.object({ code: z3.string().regex(/^[a-z]+$/i) }), here);
  const pattern = new RegExp((v3.jsonSchema.properties as Record<string, { pattern: string }>).code!.pattern, "u");
  assert.ok(pattern.test("ABC") && !pattern.test("AB1"), `zod 3's pattern carries the flag: ${pattern.source}`);
});

test("defaults and catch values of a bigint, a map, a set and a date reach the form in their JSON forms, with no warning (zod 4 and zod 3)", () => {
  const expected = { big: "5", prices: [["a", 1]], tags: ["x"], at: "1970-01-01T00:00:00.000Z", fallback: "3" };
  const v4 = z.object({
    big: z.bigint().default(5n),
    prices: z.map(z.string(), z.number()).default(new Map([["a", 1]])),
    tags: z.set(z.string()).prefault(new Set(["x"])),
    at: z.date().default(new Date(0)),
    fallback: z.bigint().catch(3n),
  });
  const v3 = z3.object({
    big: z3.bigint().default(5n),
    prices: z3.map(z3.string(), z3.number()).default(new Map([["a", 1]])),
    tags: z3.set(z3.string()).default(new Set(["x"])),
    at: z3.date().default(new Date(0)),
    fallback: z3.bigint().catch(3n),
  });
  for (const schema of [v4, v3]) {
    const form = makeFormSchema(schema, here);
    // What the form receives is the JSON the host sends it. (zod-to-json-schema writes no default for a catch.)
    const properties = JSON.parse(JSON.stringify(form.jsonSchema)).properties as Record<string, { default?: unknown }>;
    const defaults = Object.fromEntries(Object.entries(properties).map(([key, field]) => [key, field.default]));
    assert.deepEqual(defaults, schema === v4 ? expected : { ...expected, fallback: undefined });
    assert.deepEqual(form.warnings, []);
  }
});

test("a catch value that needs the failed input gives no default and no warning", () => {
  const form = makeFormSchema(z.object({ name: z.string().catch(({ input }) => String(input)) }), here);
  assert.deepEqual((form.jsonSchema.properties as Record<string, unknown>).name, { type: "string" });
  assert.deepEqual(form.warnings, []);
});
