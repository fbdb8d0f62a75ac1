/** Progress on stderr, only when stderr is a terminal; stdout never sees it. */

export interface Progress {
  update(fraction: number, note?: string): void;
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

export function progress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return SILENT;
  let last = 0;
  let shown = false;
  return {
    update(fraction, note) {
      const now = Date.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      shown = true;
      const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
      const width = 24;
      const bar = "#".repeat(Math.round((pct / 100) * width)).padEnd(width, ".");
      stream.write(`\r\x1b[2K${label} [${bar}] ${pct}%${note ? ` ${note}` : ""}`);
    },
    done() {
      if (shown) stream.write("\r\x1b[2K");
    },
  };
}
