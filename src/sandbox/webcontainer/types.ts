/**
 * The part of `@webcontainer/api` the backend uses, as our own interface (TutorialKit's
 * approach): the real WebContainer satisfies it, and so does the in-memory fake the tests use.
 */
export interface ContainerProcess {
  output: ReadableStream<string>;
  input: WritableStream<string>;
  exit: Promise<number>;
  resize?(size: { cols: number; rows: number }): void;
  kill?(): void;
}

export interface ContainerFs {
  readFile(path: string, encoding: 'utf-8'): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  readdir(path: string, options: { withFileTypes: true }): Promise<{ name: string; isFile(): boolean; isDirectory(): boolean }[]>;
}

/** `{ 'a.js': { file: { contents } }, src: { directory: {...} } }`, as WebContainer.mount takes it. */
export interface FileTree {
  [name: string]: { file: { contents: string } } | { directory: FileTree };
}

export interface ContainerHost {
  /** Absolute path of the project folder; fs paths are relative to it. */
  workdir: string;
  fs: ContainerFs;
  mount(tree: FileTree): Promise<void>;
  spawn(command: string, args: string[], options?: { env?: Record<string, string>; terminal?: { cols: number; rows: number } }): Promise<ContainerProcess>;
  on(event: 'server-ready', listener: (port: number, url: string) => void): () => void;
  teardown?(): void;
}

/** What the backend needs from the lab: worker requests, and the terminal it takes over. */
export interface LabPort {
  request<T>(method: string, params?: unknown): Promise<T>;
  terminal: {
    write(data: string): void;
    reset(): void;
    cols: number;
    rows: number;
    /** Routes the learner's keystrokes to `handler` instead of the built-in line editor. */
    takeInput(handler: (data: string) => void): void;
  };
  /** Shows a served port (the preview pane). */
  preview(port: number, url: string): void;
}
