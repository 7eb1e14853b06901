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


/**
 * fork(2) failed (EAGAIN at pids.max, ENOMEM in a dead pid namespace). bash gives up the
 * whole command line: an interactive shell returns to its prompt with status 254, a script exits.
 */
export class ForkFailed extends Error {
  override readonly name = 'ForkFailed';
  constructor(readonly errno: string) {
    super(`fork: ${errno}`);
  }
}

/** The command line ran more commands than LIMITS.commandSteps allows. */
export class StepLimit extends Error {
  override readonly name = 'StepLimit';
}

/**
 * A word expansion failed (`$((1/0))`, a brace expansion over its limit). As in bash, the
 * shell prints the message and abandons the rest of the command line with status 1.
 */
export class ExpansionError extends Error {
  override readonly name: string = 'ExpansionError';
  constructor(
    message: string,
    /** The simulation's own message, printed as is rather than after the shell's `bash: ` prefix. */
    readonly own = false,
  ) {
    super(message);
  }
}
