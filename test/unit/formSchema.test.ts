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
