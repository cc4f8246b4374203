/** Where a command writes, and what it reads: the process in the binary, buffers in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  readStdin(): Promise<Buffer>;
  /** Colours on stdout / stderr (a TTY, and neither NO_COLOR nor TERM=dumb). */
  colorOut: boolean;
  colorErr: boolean;
}

export function colorEnabled(stream: { isTTY?: boolean }, env: Io['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    colorOut: colorEnabled(process.stdout, process.env),
    colorErr: colorEnabled(process.stderr, process.env),
  };
}

const codes = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
export type Colour = keyof typeof codes;

/** A painter that wraps text in ANSI codes only when colours are on. */
export function painter(enabled: boolean): (colour: Colour, text: string) => string {
  return (colour, text) => (enabled ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text);
}
