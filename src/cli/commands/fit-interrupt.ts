/**
 * Ctrl-C for long asynchronous commands (population): the first SIGINT asks the work to stop
 * (running chunks finish, nothing is written, the command exits 130); a second one exits at once.
 * Synchronous commands (fit, sensitivity) keep Node's default (exit at once): their outputs are
 * only written atomically at the end, so nothing is left half-written either way.
 */
export const EXIT_CANCELLED = 130;

export interface Interrupt {
  readonly stopped: () => boolean;
  dispose(): void;
}

export function onInterrupt(what: string): Interrupt {
  let stop = false;
  const handler = () => {
    if (stop) process.exit(EXIT_CANCELLED);
    stop = true;
    process.stderr.write(`\nil6sim: stopping ${what} (Ctrl-C again to quit now); nothing will be written.\n`);
  };
  process.on("SIGINT", handler);
  return { stopped: () => stop, dispose: () => process.off("SIGINT", handler) };
}
