/** Control-flow signals that unwind the interpreter: exit, return, break/continue, Ctrl-C. */

/** `exit N` unwinding to the shell that runs the script. */
export class ExitSignal extends Error {
  override readonly name = 'ExitSignal';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Ctrl-C: unwinds the running command line. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

export class LoopControl extends Error {
  override readonly name = 'LoopControl';
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {
    super(kind);
  }
}

export class ReturnSignal extends Error {
  override readonly name = 'ReturnSignal';
  constructor(readonly code: number) {
    super('return');
  }
}

