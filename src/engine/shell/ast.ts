/** The bash-subset syntax tree: parser.ts builds it, interpreter.ts runs it. */

export type WordPart =
  | { type: 'lit'; value: string; quoted: boolean }
  | { type: 'var'; name: string; quoted: boolean; op?: ':-' | '-' | ':=' | ':+' | '#'; arg?: Word }
  | { type: 'cmdsub'; script: Script; quoted: boolean }
  | { type: 'arith'; expr: string; quoted: boolean }
  | { type: 'tilde'; user: string };

export interface Word {
  parts: WordPart[];
}

export type RedirectOp = '>' | '>>' | '<' | '<<' | '<<<' | '>&' | '<&' | '&>' | '&>>' | '>|';

export interface Redirect {
  /** File descriptor redirected (1 for `>`, 0 for `<`). */
  fd: number;
  op: RedirectOp;
  target: Word;
  /** The target as typed, for `bash: {a,b}: ambiguous redirect`. */
  text: string;
  /** Body of a heredoc; `expand` is false when the delimiter was quoted. */
  heredoc?: { body: string; expand: boolean };
}

export interface SimpleCommand {
  type: 'simple';
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

export interface IfCommand {
  type: 'if';
  clauses: { cond: Script; body: Script }[];
  orElse?: Script;
  redirects: Redirect[];
}

export interface ForCommand {
  type: 'for';
  name: string;
  /** Undefined means `"$@"`. */
  items?: Word[];
  body: Script;
  redirects: Redirect[];
}

export interface WhileCommand {
  type: 'while';
  until: boolean;
  cond: Script;
  body: Script;
  redirects: Redirect[];
}

export interface CaseCommand {
  type: 'case';
  word: Word;
  arms: { patterns: Word[]; body: Script }[];
  redirects: Redirect[];
}

export interface GroupCommand {
  type: 'group' | 'subshell';
  body: Script;
  redirects: Redirect[];
}

export interface FunctionDef {
  type: 'function';
  name: string;
  body: Command;
}

export type Command = SimpleCommand | IfCommand | ForCommand | WhileCommand | CaseCommand | GroupCommand | FunctionDef;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  /** 1-based line where it starts, for `script: line N:` messages. */
  line?: number;
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  background: boolean;
}

export interface Script {
  items: AndOr[];
}
