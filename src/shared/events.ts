// Typed events in VS Code's shape: `onDidX(listener)` returns what stops listening. The runs and the
// engine connection raise them. Not vscode-jsonrpc's Emitter: the views use these at activation,
// and activation does not load the JSON-RPC library.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (event: T) => unknown) => Disposable;

export class Emitter<T> {
  private listeners: ((event: T) => unknown)[] = [];

  readonly event: Event<T> = (listener) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };

  /** Calls every listener; one that throws is reported and does not keep the others from hearing. */
  fire(event: T): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(error);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
