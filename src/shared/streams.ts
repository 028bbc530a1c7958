// Node's process.stdout and process.stderr are asynchronous on pipes, and process.exit() drops
// what is still queued. An empty write's callback runs once every write before it has left.
export function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}
