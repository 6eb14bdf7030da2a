/**
 * The text of each # annotation on a date: the Checklist's texts as of its date, then the
 * versions dataset/hash-annotations.json records (an annotation may keep its symbol and change
 * its text, #15 at CoP18), so that an entry's coverage is read from the version it had.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { IsoDate } from '@cites-permit-check/engine/contract/common';

const HashFile = z.object({
  note: z.string().optional(),
  annotations: z.array(
    z.object({
      symbol: z.string().regex(/^#\d+$/),
      from: IsoDate,
      text: z.string().min(1),
      source: z.string().min(1),
      unconfirmed: z.boolean().default(false),
    }),
  ),
});

export class HashTexts {
  private readonly versions = new Map<string, { from: string; text: string }[]>();

  add(symbol: string, from: string, text: string): void {
    const list = this.versions.get(symbol) ?? [];
    if (!list.some((v) => v.from === from)) list.push({ from, text });
    list.sort((a, b) => (a.from < b.from ? -1 : 1));
    this.versions.set(symbol, list);
  }

  addFile(path: string): void {
    for (const a of HashFile.parse(JSON.parse(readFileSync(path, 'utf8'))).annotations) this.add(a.symbol, a.from, a.text);
  }

  /** The text in force on `date` (the earliest one known for an earlier date). */
  textOn(symbol: string, date: string): string | null {
    const list = this.versions.get(symbol);
    if (!list || list.length === 0) return null;
    let text = list[0]!.text;
    for (const v of list) if (v.from <= date) text = v.text;
    return text;
  }
}
