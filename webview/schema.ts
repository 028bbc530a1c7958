// JSON Schema (as made by zod 4's z.toJSONSchema) -> a small field tree the form knows how to render.
// Pure: no DOM. Anything outside the supported subset becomes a "json" field with the reason why.
import { FILE_MARK } from "../src/shared/formValue";
import { isRecord } from "../src/shared/guards";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;

interface Common {
  title?: string;
  description?: string;
  default?: unknown;
  examples?: unknown[];
  /** `null` is an accepted value (`.nullable()`). */
  nullable: boolean;
}

export type Field = Common &
  (
    | { kind: "text"; input: TextInput; multiline: boolean; minLength?: number; maxLength?: number; pattern?: string }
    | {
        kind: "number";
        integer: boolean;
        minimum?: number;
        maximum?: number;
        exclusiveMinimum?: number;
        exclusiveMaximum?: number;
        multipleOf?: number;
      }
    | { kind: "boolean" }
    | { kind: "choice"; options: Json[] }
    | { kind: "multiChoice"; options: Json[]; minItems?: number; maxItems?: number }
    | { kind: "list"; item: Field; minItems?: number; maxItems?: number }
    /** Fixed positions (a map's [key, value] entries among them); each position's title labels it. */
    | { kind: "tuple"; items: Field[] }
    /** Sent as `{ name, type, base64 }` (src/runner/jsonForms.ts). */
    | { kind: "file"; accept?: string[] }
    | { kind: "object"; properties: Property[] }
    /** One of several variants, picked in a dropdown; with a discriminator, each variant is an object told apart by its tag. */
    | { kind: "union"; variants: Variant[]; discriminator?: string }
    /** Free-form keys (z.record): key/value entries, read back as an object. */
    | { kind: "record"; key: Field; value: Field }
    /** A schema that refers to itself, expanded only as deep as the form is filled in. */
    | { kind: "recursive"; resolve: () => Field }
    | { kind: "json"; reason: string }
  );

/** "path": a file path, typed or picked in the workspace (`format: "path"`). */
export type TextInput = "text" | "email" | "url" | "date" | "datetime-local" | "time" | "path";

export interface Variant {
  label: string;
  field: Field;
  /** The discriminator's value for this variant. */
  tag?: Json;
}

export interface Property {
  name: string;
  required: boolean;
  field: Field;
}

/** Strings longer than this get a textarea. */
const LONG_TEXT = 200;

/** Normalises `schema`; `$ref`s resolve against `root` (the whole document). */
export function toField(schema: unknown, root: unknown = schema): Field {
  return normalise(asSchema(schema), asSchema(root), []);
}

function normalise(schema: Schema, root: Schema, refStack: string[]): Field {
  const annotations = readAnnotations(schema);

  if (typeof schema.$ref === "string") {
    const ref = schema.$ref;
    const target = resolveRef(ref, root);
    if (!target) return json(annotations, `its reference ${ref} cannot be resolved`);
    const { $ref: _ignored, ...siblings } = schema;
    const merged = { ...target, ...siblings };
    // Seen already on the way here: a recursive schema, expanded one level each time the form goes deeper.
    if (refStack.includes(ref)) return { ...readAnnotations(merged), kind: "recursive", resolve: once(() => normalise(merged, root, [ref])) };
    return normalise(merged, root, [...refStack, ref]);
  }

  if (schema.nullable === true) {
    const { nullable: _n, ...rest } = schema;
    return { ...normalise(rest, root, refStack), nullable: true };
  }

  if ("const" in schema) return { ...annotations, kind: "choice", options: [schema.const as Json] };
  if (Array.isArray(schema.enum)) return choice(annotations, schema.enum as Json[]);

  for (const key of ["anyOf", "oneOf"] as const) {
    const members = schema[key];
    if (Array.isArray(members)) return union(schema, key, members.map(asSchema), annotations, root, refStack);
  }

  if (Array.isArray(schema.allOf)) {
    if (schema.allOf.length !== 1) return json(annotations, "it combines several schemas (allOf)");
    const { allOf: _a, ...rest } = schema;
    return normalise({ ...asSchema(schema.allOf[0]), ...rest }, root, refStack);
  }
  if ("not" in schema) return json(annotations, "it uses a negated schema (not)");
  if (isRecord(schema[FILE_MARK])) return file(schema[FILE_MARK], annotations);

  const type = schema.type;
  if (Array.isArray(type)) {
    const nonNull = type.filter((t) => t !== "null");
    const nullable = nonNull.length < type.length;
    if (nonNull.length !== 1) {
      // z.union([z.string(), z.number()]): one variant per type, each with the schema's other keywords.
      const { title: _t, description: _d, default: _f, examples: _e, ...keywords } = schema;
      const variants = nonNull.map((t) => normalise({ ...keywords, type: t }, root, refStack));
      return unionOf({ ...annotations, nullable: annotations.nullable || nullable }, variants);
    }
    const field = normalise({ ...schema, type: nonNull[0] }, root, refStack);
    return { ...field, nullable: field.nullable || nullable };
  }

  switch (type) {
    case "string":
      return text(schema, annotations);
    case "number":
    case "integer":
      return {
        ...annotations,
        kind: "number",
        integer: type === "integer",
        minimum: finiteOrUndefined(schema.minimum),
        maximum: finiteOrUndefined(schema.maximum),
        exclusiveMinimum: finiteOrUndefined(schema.exclusiveMinimum),
        exclusiveMaximum: finiteOrUndefined(schema.exclusiveMaximum),
        multipleOf: finiteOrUndefined(schema.multipleOf),
      };
    case "boolean":
      return { ...annotations, kind: "boolean" };
    case "null":
      return { ...annotations, kind: "choice", options: [null] };
    case "array":
      return array(schema, annotations, root, refStack);
    case "object":
      return object(schema, annotations, root, refStack);
    default:
      return json(annotations, type === undefined ? "it does not say what type the value has" : `its type ${JSON.stringify(type)} is not supported`);
  }
}

function union(
  schema: Schema,
  key: "anyOf" | "oneOf",
  members: Schema[],
  annotations: Common,
  root: Schema,
  refStack: string[],
): Field {
  const nonNull = members.filter((m) => m.type !== "null");
  const nullable = nonNull.length < members.length;
  const rest = Object.fromEntries(Object.entries(schema).filter(([k]) => k !== key));
  if (nonNull.length === 1) {
    const field = normalise({ ...nonNull[0], ...rest }, root, refStack);
    return { ...field, nullable: field.nullable || nullable };
  }
  // A union of literals (z.literal("a") | z.literal("b"), or enums) is one dropdown.
  const literals = nonNull.map((m) => normalise(m, root, refStack));
  if (literals.every((f) => f.kind === "choice")) {
    const options = literals.flatMap((f) => (f.kind === "choice" ? f.options : []));
    return choice({ ...annotations, nullable: annotations.nullable || nullable }, options);
  }
  return unionOf({ ...annotations, nullable: annotations.nullable || nullable }, literals);
}

/** A variant picker. Objects that all carry one property with a distinct constant value are told apart by it (a discriminated union). */
function unionOf(annotations: Common, members: Field[]): Field {
  const settled = members.map(settle);
  const objects = settled.every((f) => f.kind === "object") ? settled : undefined;
  const discriminator = objects && findDiscriminator(objects);
  if (objects && discriminator) {
    const variants = objects.map((object) => {
      const tag = tagOf(object, discriminator)!;
      const field = { ...object, properties: object.properties.filter((p) => p.name !== discriminator) };
      return { label: object.title ?? display(tag), field, tag };
    });
    return { ...annotations, kind: "union", variants, discriminator };
  }
  const labels = settled.map(describeKind);
  const variants = members.map((field, i) => {
    const repeated = labels.filter((label) => label === labels[i]).length > 1;
    return { label: settled[i]!.title ?? (repeated ? `${labels[i]} ${labels.slice(0, i).filter((l) => l === labels[i]).length + 1}` : labels[i]!), field };
  });
  return { ...annotations, kind: "union", variants };
}

function findDiscriminator(objects: Extract<Field, { kind: "object" }>[]): string | undefined {
  for (const property of objects[0]!.properties) {
    const tags = objects.map((object) => tagOf(object, property.name));
    if (tags.some((tag) => tag === undefined)) continue;
    if (new Set(tags.map((tag) => JSON.stringify(tag))).size === tags.length) return property.name;
  }
  return undefined;
}

/** A required property's one constant value. */
function tagOf(object: Extract<Field, { kind: "object" }>, name: string): Json | undefined {
  const property = object.properties.find((p) => p.name === name);
  const field = property?.field;
  return property?.required && field?.kind === "choice" && field.options.length === 1 && !field.nullable ? field.options[0] : undefined;
}

/** What a variant is, for its picker's label when the schema gives it no title. */
function describeKind(field: Field): string {
  switch (field.kind) {
    case "text":
      return field.input === "text" ? "Text" : field.input === "path" ? "File path" : field.input === "datetime-local" ? "Date and time" : field.input.charAt(0).toUpperCase() + field.input.slice(1);
    case "number":
      return field.integer ? "Whole number" : "Number";
    case "boolean":
      return "Yes/no";
    case "choice":
      return field.options.map(display).join(" / ");
    case "list":
    case "multiChoice":
    case "tuple":
      return "List";
    case "object":
      return field.properties.length ? `Group (${field.properties.map((p) => p.name).join(", ")})` : "Group";
    case "record":
      return "Entries";
    case "file":
      return "File";
    default:
      return "JSON";
  }
}

/** A recursive field's schema, resolved one level. */
export function settle(field: Field): Field {
  return field.kind === "recursive" ? { ...field.resolve(), ...definedAnnotations(field) } : field;
}

function definedAnnotations(field: Field): Partial<Common> {
  return Object.fromEntries(Object.entries({ title: field.title, description: field.description, default: field.default }).filter(([, v]) => v !== undefined));
}

function display(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

function text(schema: Schema, annotations: Common): Field {
  const format = typeof schema.format === "string" ? schema.format : undefined;
  const maxLength = finiteOrUndefined(schema.maxLength);
  const inputs: Record<string, TextInput> = {
    email: "email",
    uri: "url",
    url: "url",
    date: "date",
    "date-time": "datetime-local",
    time: "time",
    path: "path",
  };
  const input = (format ? inputs[format] : undefined) ?? "text";
  return {
    ...annotations,
    kind: "text",
    input,
    multiline: input === "text" && (format === "textarea" || (maxLength ?? 0) > LONG_TEXT),
    minLength: finiteOrUndefined(schema.minLength),
    maxLength,
    // Date and time inputs produce their own well-formed strings; zod's ISO regexes would only get in the way.
    pattern: input === "text" || input === "path" || input === "email" || input === "url" ? stringOrUndefined(schema.pattern) : undefined,
  };
}

function array(schema: Schema, annotations: Common, root: Schema, refStack: string[]): Field {
  // A tuple: prefixItems (2020-12) or an items array (draft 7, zod-to-json-schema).
  const positions = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : undefined;
  if (positions) return tuple(schema, positions, annotations, root, refStack);
  if (schema.items === undefined || typeof schema.items === "boolean") return json(annotations, "its items have no schema");
  const item = normalise(asSchema(schema.items), root, refStack);
  const minItems = finiteOrUndefined(schema.minItems);
  const maxItems = finiteOrUndefined(schema.maxItems);
  // Items that need a JSON editor anyway: edit the whole list as one JSON value.
  if (item.kind === "json") return json(annotations, item.reason);
  if (item.kind === "choice" && !item.nullable) return { ...annotations, kind: "multiChoice", options: item.options, minItems, maxItems };
  return { ...annotations, kind: "list", item, minItems, maxItems };
}

function tuple(schema: Schema, positions: unknown[], annotations: Common, root: Schema, refStack: string[]): Field {
  const more = Array.isArray(schema.prefixItems) ? schema.items : schema.additionalItems;
  const fixed = more === false || schema.maxItems === positions.length;
  if (!fixed) return json(annotations, "it is a tuple with more items after its fixed positions");
  const items = positions.map((position) => normalise(asSchema(position), root, refStack));
  const unrenderable = items.find((item) => item.kind === "json");
  if (unrenderable) return json(annotations, unrenderable.reason);
  return { ...annotations, kind: "tuple", items };
}

function file(mark: Schema, annotations: Common): Field {
  const accept = Array.isArray(mark.accept) ? mark.accept.filter((m): m is string => typeof m === "string") : undefined;
  return { ...annotations, kind: "file", ...(accept ? { accept } : {}) };
}

function object(schema: Schema, annotations: Common, root: Schema, refStack: string[]): Field {
  if (schema.patternProperties !== undefined) return json(annotations, "its keys follow a pattern (patternProperties)");
  const properties = schema.properties === undefined ? {} : asSchema(schema.properties);
  const extra = schema.additionalProperties;
  if (Object.keys(properties).length === 0 && (isRecord(extra) || isRecord(schema.propertyNames))) return record(schema, annotations, root, refStack);
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return {
    ...annotations,
    kind: "object",
    properties: Object.entries(properties).map(([name, sub]) => ({
      name,
      required: required.has(name),
      field: normalise(asSchema(sub), root, refStack),
    })),
  };
}

/** z.record: key/value entries; keys from an enum (z.record(z.enum(...), ...)) are the object's properties instead. */
function record(schema: Schema, annotations: Common, root: Schema, refStack: string[]): Field {
  const keySchema = asSchema(schema.propertyNames);
  const valueSchema = asSchema(schema.additionalProperties);
  const key = normalise({ type: "string", ...keySchema }, root, refStack);
  if (key.kind === "choice" && key.options.every((o) => typeof o === "string")) {
    const properties = Object.fromEntries(key.options.map((name) => [name, valueSchema]));
    return object({ ...schema, propertyNames: undefined, additionalProperties: false, properties }, annotations, root, refStack);
  }
  if (key.kind !== "text") return json(annotations, "its keys are not plain text");
  const value = normalise(valueSchema, root, refStack);
  if (value.kind === "json") return json(annotations, value.reason);
  return { ...annotations, kind: "record", key, value };
}

function choice(annotations: Common, values: Json[]): Field {
  const options = values.filter((v) => v !== null);
  return { ...annotations, kind: "choice", options, nullable: annotations.nullable || options.length < values.length };
}

function json(annotations: Common, reason: string): Field {
  return { ...annotations, kind: "json", reason };
}

function readAnnotations(schema: Schema): Common {
  const common: Common = { nullable: false };
  if (typeof schema.title === "string") common.title = schema.title;
  if (typeof schema.description === "string") common.description = schema.description;
  if ("default" in schema) common.default = schema.default;
  if (Array.isArray(schema.examples)) common.examples = schema.examples;
  else if ("example" in schema) common.examples = [schema.example];
  return common;
}

/** Local references only: "#", "#/$defs/Name", "#/definitions/Name" and other JSON pointers into the document. */
function resolveRef(ref: string, root: Schema): Schema | undefined {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "object" && node !== null ? (node as Schema) : undefined;
}

function asSchema(value: unknown): Schema {
  return isRecord(value) ? value : {};
}

function finiteOrUndefined(value: unknown): number | undefined {
  // zod writes ±MAX_SAFE_INTEGER for .int(); as a visible bound that is noise.
  return typeof value === "number" && Number.isFinite(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
