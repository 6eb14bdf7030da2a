/** Terminal output: tables for people, JSON for scripts, a progress line on long work. */

export interface Output {
  line(text: string): void;
  error(text: string): void;
  readonly tty: boolean;
}

/**
 * Control characters (escape sequences in a taxon name an officer typed, or a file
 * imported) would reach a terminal raw and could rewrite the screen: on a terminal they are
 * shown as "\u001b"-style escapes; pipes and files get the text unchanged.
 */
export function forTerminal(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const consoleOutput = (): Output => ({
  line: (text) => process.stdout.write(`${process.stdout.isTTY ? forTerminal(text) : text}\n`),
  error: (text) => process.stderr.write(`${process.stderr.isTTY ? forTerminal(text) : text}\n`),
  tty: process.stdout.isTTY === true,
});

/** A plain text table; columns are as wide as their widest cell (capped). */
export function table(headers: string[], rows: string[][], maxWidth = 48): string {
  const cut = (s: string) => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  const cells = [headers, ...rows].map((r) => r.map(cut));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [fmt(cells[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(fmt)].join('\n');
}

/**
 * Progress with counts and rate: redrawn in place on a terminal, a log line every few
 * seconds otherwise (so CI logs and pipes stay readable). `done` counts items, or bytes
 * when the total is a file size.
 */
export class ProgressLine {
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly total: number | null,
    private readonly unit: 'items' | 'bytes' = 'items',
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  private amount(n: number): string {
    return this.unit === 'bytes' ? `${(n / 1e6).toFixed(1)} MB` : n.toLocaleString('en');
  }

  update(done: number, detail = ''): void {
    const now = Date.now();
    if (now - this.lastDraw < (this.stream.isTTY ? 100 : 2000)) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const of = this.total ? ` of ${this.amount(this.total)}` : '';
    const bar = this.total && this.stream.isTTY ? ` ${this.bar(done / this.total)}` : '';
    const text = `${this.label}${bar} ${this.amount(done)}${of} (${this.amount(Math.round(rate))}/s)${detail ? `, ${detail}` : ''}`;
    if (this.stream.isTTY) this.stream.write(`\r${text}\u001b[K`);
    else this.stream.write(`${text}\n`);
  }

  done(text: string): void {
    if (this.stream.isTTY) this.stream.write('\r\u001b[K');
    this.stream.write(`${this.label}: ${text} in ${((Date.now() - this.started) / 1000).toFixed(1)} s\n`);
  }

  private bar(fraction: number): string {
    const width = 24;
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%`;
  }
}
