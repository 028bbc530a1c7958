// The one place that knows how a pause's value is shaped in its form. A form is always an object;
// a pause whose schema is not one (a bare `z.string()`) gets a form with one field, `value`, and
// the flow receives that field's content ("wrapped"). A pause without input has an empty form.
import type { FieldIssue, JsonSchema } from "../protocol/common";
import { isRecord } from "./guards";

export interface FormShape {
  wrapped?: boolean;
  noInput?: boolean;
}

const FIELD = "value";

/** The mark on a file's JSON Schema: the form shows a file picker, with the MIME types it accepts if the schema names them. */
export const FILE_MARK = "x-pauseflow-file";

/** A file's JSON form, in the form and in an answers file. */
export interface FileForm {
  name: string;
  type: string;
  base64: string;
}

export function isFileForm(value: unknown): value is FileForm {
  return isRecord(value) && typeof value.name === "string" && typeof value.type === "string" && typeof value.base64 === "string";
}

/**
 * The form's JSON Schema: an object schema, or a union whose every variant is an object (the form
 * picks one and sends it as it is), as it is; anything else as the one field `value`.
 */
export function formJsonSchema(jsonSchema: JsonSchema): { jsonSchema: JsonSchema; wrapped: boolean } {
  if (isObjectSchema(jsonSchema, jsonSchema) || isUnionOfObjects(jsonSchema)) return { jsonSchema, wrapped: false };
  const { title, $defs, definitions, ...inner } = jsonSchema;
  // The definitions stay at the root, where "#/$defs/..." finds them; "#" (the whole schema, recursive) is now the field.
  const field = JSON.parse(JSON.stringify(inner).replace(/"\$ref":"#"/g, `"$ref":"#/properties/${FIELD}"`)) as JsonSchema;
  return {
    jsonSchema: { type: "object", ...(title ? { title } : {}), properties: { [FIELD]: field }, required: [FIELD], ...($defs ? { $defs } : {}), ...(definitions ? { definitions } : {}) },
    wrapped: true,
  };
}

function isUnionOfObjects(jsonSchema: JsonSchema): boolean {
  const members = jsonSchema.anyOf ?? jsonSchema.oneOf;
  return Array.isArray(members) && members.length > 1 && members.every((member) => isObjectSchema(member, jsonSchema));
}

/** An object schema with properties, itself or through a local reference ("#/$defs/Name"). */
function isObjectSchema(schema: unknown, root: JsonSchema): boolean {
  if (!isRecord(schema)) return false;
  if (typeof schema.$ref === "string" && schema.$ref.startsWith("#/")) {
    const [where, name] = schema.$ref.slice(2).split("/");
    const defs = where === "$defs" || where === "definitions" ? root[where] : undefined;
    return isRecord(defs) && name !== undefined && isObjectSchema(defs[name], root);
  }
  return schema.type === "object" && isRecord(schema.properties);
}

/** What the flow receives (an answers file's entry, initial data) as the form holds it. */
export function toFormValue(shape: FormShape, flowValue: unknown): unknown {
  if (shape.noInput) return {};
  return shape.wrapped ? { [FIELD]: flowValue } : flowValue;
}

/** The form's value as the flow receives it. */
export function toFlowValue(shape: FormShape, formValue: unknown): unknown {
  if (!shape.wrapped) return formValue;
  return typeof formValue === "object" && formValue !== null ? (formValue as Record<string, unknown>)[FIELD] : undefined;
}

/** An issue the flow's schema found, placed at its form field. */
export function toFormIssue(shape: FormShape, issue: FieldIssue): FieldIssue {
  return shape.wrapped ? { ...issue, path: [FIELD, ...issue.path] } : issue;
}

/** An issue with a form value, told as the flow sees the value (for the CLI, which shows no form). */
export function toFlowIssue(shape: FormShape, issue: FieldIssue): FieldIssue {
  return shape.wrapped && issue.path[0] === FIELD ? { ...issue, path: issue.path.slice(1) } : issue;
}
