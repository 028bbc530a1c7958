// Answers a pause on a terminal: asks for the value field by field, following the form's schema,
// and asks again while the flow's schema rejects it.
import { createInterface } from "node:readline";
import type { JsonSchema } from "../protocol/common";
import { isRecord } from "../shared/guards";
import type { Fallback } from "../core/scriptedAnswers";
import { printRejection } from "../core/scriptedAnswers";

/** Reads typed lines in order; lines typed ahead of a question wait for it instead of being lost. */
class LineReader {
  private readonly lines: AsyncIterator<string> = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();

  async ask(question: string): Promise<string> {
    process.stdout.write(question);
    const next = await this.lines.next();
    if (next.done) throw new InputEnded();
    return next.value;
  }
}

class InputEnded extends Error {}

let reader: LineReader | undefined;

export const promptOnTerminal: Fallback = async (run, pause, print) => {
  reader ??= new LineReader();
  const rl = reader;
  try {
    print(`Flow run '${run.record.name}' waits at pause '${pause.key}'.${pause.description ? `\n${pause.description}` : ""}`);
    if (pause.noInput) {
      await rl.ask("Press Enter to resume. ");
      return { action: "submit", value: {} };
    }
    for (;;) {
      // A union of objects has no fields of its own: its value is typed as JSON.
      const value = isRecord(pause.jsonSchema.properties)
        ? await askObject(rl, pause.jsonSchema, objectOrEmpty(pause.initialData), "")
        : await askField(rl, "value (JSON)", pause.jsonSchema, pause.initialData, true);
      const check = await run.validate(pause.key, value);
      if (check.ok) return { action: "submit", value };
      printRejection(print, "Rejected:", pause, check.issues);
    }
  } catch (error) {
    if (error instanceof InputEnded) return { action: "cancel", reason: `The input ended at pause '${pause.key}'.` };
    throw error;
  }
};

async function askObject(rl: LineReader, schema: JsonSchema, initial: Record<string, unknown>, prefix: string): Promise<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const value: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(properties)) {
    const answer = await askField(rl, `${prefix}${name}`, field, initial[name] ?? field.default, required.has(name));
    if (answer !== undefined) value[name] = answer;
  }
  return value;
}

async function askField(rl: LineReader, name: string, field: JsonSchema, preset: unknown, required: boolean): Promise<unknown> {
  if (field.type === "object" && field.properties) return askObject(rl, field, objectOrEmpty(preset), `${name}.`);
  const choices = enumChoices(field);
  const label = [
    typeof field.title === "string" ? field.title : name,
    typeof field.description === "string" ? `(${field.description})` : "",
    choices ? `[${choices.map((c, i) => `${i + 1}=${String(c)}`).join(", ")}]` : "",
    preset !== undefined ? `{${JSON.stringify(preset)}}` : required ? "" : "(optional)",
  ].filter(Boolean).join(" ");
  const text = (await rl.ask(`${label}: `)).trim();
  if (text === "") return preset;
  if (choices) {
    const index = Number(text);
    if (Number.isInteger(index) && index >= 1 && index <= choices.length) return choices[index - 1];
    return choices.find((c) => String(c) === text) ?? text;
  }
  switch (field.type) {
    case "string":
      return text;
    case "number":
    case "integer":
      return Number(text);
    case "boolean":
      return /^(y|yes|true|1)$/i.test(text);
    default:
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
  }
}

function enumChoices(field: JsonSchema): unknown[] | undefined {
  if (Array.isArray(field.enum)) return field.enum as unknown[];
  const options = (field.anyOf ?? field.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(options) && options.every((o) => "const" in o)) return options.map((o) => o.const);
  return undefined;
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

