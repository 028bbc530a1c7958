// Each JSON-RPC message paired with its zod schemas, and the one way to send and receive them:
// every incoming message is checked before it is handled, requests and replies alike.
import { ErrorCodes, NotificationType, RequestType, ResponseError, type CancellationToken, type MessageConnection } from "vscode-jsonrpc";
import type * as z from "zod";
import { formatIssues } from "../shared/issues";

export interface Request<P, R> {
  readonly type: RequestType<P, R, void>;
  readonly params: z.ZodType<P>;
  readonly result: z.ZodType<R>;
}

export interface Notification<P> {
  readonly type: NotificationType<P>;
  readonly params: z.ZodType<P>;
}

export function request<P, R>(method: string, params: z.ZodType<P>, result: z.ZodType<R>): Request<P, R> {
  return { type: new RequestType<P, R, void>(method), params, result };
}

export function notification<P>(method: string, params: z.ZodType<P>): Notification<P> {
  return { type: new NotificationType<P>(method), params };
}

/** Told of every message that failed its schema: what it was, and what was wrong with it. */
export type MalformedReporter = (what: string, detail: string) => void;

/** A reply that failed its schema. */
export class MalformedReplyError extends Error {
  override name = "MalformedReplyError";
}

/** Handles a request: a malformed one is answered with InvalidParams and reported, never handled. */
export function onRequest<P, R>(
  connection: MessageConnection,
  message: Request<P, R>,
  report: MalformedReporter,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): void {
  const { method } = message.type;
  connection.onRequest(method, async (params: unknown, token: CancellationToken): Promise<unknown> => {
    const parsed = message.params.safeParse(params);
    if (!parsed.success) {
      const detail = describeProblems(parsed.error);
      report(method, detail);
      throw new ResponseError(ErrorCodes.InvalidParams, `Malformed ${method}: ${detail}`);
    }
    return handler(parsed.data, token);
  });
}

/** Handles a notification: a malformed one is reported and dropped. */
export function onNotification<P>(connection: MessageConnection, message: Notification<P>, report: MalformedReporter, handler: (params: P) => void): void {
  const { method } = message.type;
  connection.onNotification(method, (params: unknown) => {
    const parsed = message.params.safeParse(params);
    if (parsed.success) handler(parsed.data);
    else report(method, describeProblems(parsed.error));
  });
}

/** Sends a request and checks its reply: a malformed reply rejects with MalformedReplyError. */
export async function sendRequest<P, R>(connection: MessageConnection, message: Request<P, R>, params: P, token?: CancellationToken): Promise<R> {
  const { method } = message.type;
  const reply: unknown = await (token ? connection.sendRequest(method, params, token) : connection.sendRequest(method, params));
  const parsed = message.result.safeParse(reply);
  if (!parsed.success) throw new MalformedReplyError(`Malformed reply to ${message.type.method}: ${describeProblems(parsed.error)}`);
  return parsed.data;
}

export function sendNotification<P>(connection: MessageConnection, message: Notification<P>, params: P): Promise<void> {
  return connection.sendNotification(message.type.method, params);
}

/** A message's problems, each at its path; `(root)` where the message as a whole is wrong. */
export function describeProblems(error: z.ZodError): string {
  return formatIssues(error.issues.map((i) => ({ path: i.path.length ? i.path.map((p) => (typeof p === "number" ? p : String(p))) : ["(root)"], message: i.message })));
}
