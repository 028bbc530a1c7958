import { strict as assert } from "node:assert";
import { test } from "node:test";
import * as z from "zod";
import { z as z3 } from "zod/v3";
import { makeFormSchema, reviveDates } from "../../src/runner/formSchema";

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

test("validate unwraps a wrapped value and puts `value` in front of issue paths", async () => {
  const form = makeFormSchema(z.array(z.number()), here);
  assert.deepEqual(await form.validate({ value: [1, 2] }), { ok: true, value: [1, 2] });
  const bad = await form.validate({ value: [1, "x"] });
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.issues.map((i) => i.path), [["value", 1]]);
  assert.equal((await form.validate("not an object")).ok, false);
});

test("zod 4: dates become date-time strings, unrepresentable parts become JSON fields with a warning", () => {
  const form = makeFormSchema(z.object({ at: z.date(), big: z.bigint(), list: z.array(z.object({ s: z.set(z.string()) })) }), here);
  const props = form.jsonSchema.properties as Record<string, unknown>;
  assert.deepEqual(props.at, { type: "string", format: "date-time" });
  assert.deepEqual(props.big, {});
  assert.deepEqual(form.warnings, [
    "big: a bigint cannot be shown as a form field; edit it as JSON.",
    "list[].s: a set cannot be shown as a form field; edit it as JSON.",
  ]);
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

test("reviveDates follows objects, arrays, optionals, defaults and pipes, and leaves bad strings alone", () => {
  const schema = z.object({ list: z.array(z.object({ d: z.date().optional() })), p: z.date().default(new Date(0)), s: z.string() });
  const revived = reviveDates(schema, { list: [{ d: "2026-01-01T00:00:00Z" }, {}], p: "nope", s: "2026-01-01T00:00:00Z" }) as {
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
    assert.ok(result.ok, JSON.stringify(result));
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
