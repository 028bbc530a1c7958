// Receiving side of the protocol: every incoming message is checked with its zod schema first.
import { ErrorCodes, ResponseError } from "vscode-jsonrpc";
import type * as z from "zod";

/** Codes of run/start failures, so the CLI and the extension can tell them apart. */
export const StartErrorCodes = {
  ProtocolMismatch: -32001,
  LoadFailed: -32002,
  FlowNotFound: -32003,
} as const;

export type MalformedReporter = (what: string, detail: string) => void;

/** Wraps a request handler: a malformed request is answered with InvalidParams and reported, never handled. */
export function checkedRequest<P, R>(
  method: string,
  schema: z.ZodType<P>,
  report: MalformedReporter,
  handler: (params: P) => R | Promise<R>,
): (params: unknown) => Promise<R> {
  return async (params) => {
    const parsed = schema.safeParse(params);
    if (!parsed.success) {
      const detail = describeProblems(parsed.error);
      report(method, detail);
      throw new ResponseError(ErrorCodes.InvalidParams, `Malformed ${method}: ${detail}`);
    }
    return handler(parsed.data);
  };
}

/** Wraps a notification handler: a malformed notification is reported and dropped. */
export function checkedNotification<P>(
  method: string,
  schema: z.ZodType<P>,
  report: MalformedReporter,
  handler: (params: P) => void,
): (params: unknown) => void {
  return (params) => {
    const parsed = schema.safeParse(params);
    if (!parsed.success) {
      report(method, describeProblems(parsed.error));
      return;
    }
    handler(parsed.data);
  };
}

export function describeProblems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}
