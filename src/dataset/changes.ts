/**
 * Applying the amendment records to the timeline (see FORMAT.md in dataset/amendments):
 * `list` makes the taxon's own entries exactly the ones given from its date, `delete`
 * ends them, the Appendix III actions add or end one Party's entry, `rename` moves the
 * taxon to its new name. Plant entries get their coverage from the # annotation in force.
 */
import type { BundleListing, Specimens } from '../contract/bundle.js';
import type { Kingdom } from '@cites-permit-check/engine/contract/codes';
import { readHashAnnotation } from '../importers/hash-annotations.js';
import type { AmendmentEntry, Change } from './amendments.js';
import type { HashTexts } from './hash-texts.js';
import type { TaxonBook } from './taxon-book.js';
import type { Entry, Timeline } from './timeline.js';

export interface ChangeContext {
  book: TaxonBook;
  timeline: Timeline;
  hash: HashTexts;
  /** Problems that do not stop the build (unknown taxa), for the report. */
  warn(message: string): void;
  count(key: string): void;
}

/** The family of a taxon (for # annotations that depend on it, #4). */
function familyOf(ctx: ChangeContext, key: string): string {
  const t = ctx.book.get(key);
  return t?.higher?.family ?? (t?.rank === 'FAMILY' ? t.name : '');
}

function entryFrom(ctx: ChangeContext, key: string, kingdom: Kingdom, e: AmendmentEntry, date: string, provenance: string): Entry {
  let specimens: Specimens | null = e.specimens;
  let hashAnnotationText: BundleListing['hashAnnotationText'] = null;
  if (e.hashAnnotation !== null) {
    const text = ctx.hash.textOn(e.hashAnnotation, date);
    if (text !== null) hashAnnotationText = { en: text };
    if (specimens === null && kingdom === 'Plantae' && e.appendix !== 'I' && text !== null) {
      const read = readHashAnnotation(e.hashAnnotation, text, familyOf(ctx, key));
      if (read.mapped) specimens = read.specimens;
    }
  }
  return {
    taxon: key,
    appendix: e.appendix,
    party: e.appendix === 'III' ? e.party : null,
    effectiveFrom: date,
    effectiveTo: null,
    mayStartFrom: null,
    populations: e.populations,
    excludedTaxa: [],
    annotation: e.annotation ? { en: e.annotation } : null,
    hashAnnotation: e.hashAnnotation,
    hashAnnotationText,
    specimens,
    source: null,
    provenance,
  };
}

/** Applies one change; returns false (and says why) when its taxon is not known. */
export function applyChange(ctx: ChangeContext, c: Change, provenance: string): boolean {
  const key = ctx.book.join(c.kingdom, c.taxon);
  if (key === null) {
    ctx.warn(`${provenance}: ${c.taxon} (${c.kingdom}) is neither in the Checklist nor among the amendment taxa; change of ${c.effectiveFrom} not applied`);
    ctx.count('amendment changes on unknown taxa (not applied)');
    return false;
  }
  const date = c.effectiveFrom;
  switch (c.action) {
    case 'list':
      ctx.timeline.cut(key, date);
      for (const e of c.entries) ctx.timeline.add(key, entryFrom(ctx, key, c.kingdom, e, date, provenance));
      break;
    case 'delete': {
      ctx.timeline.cut(key, date);
      if (c.excludeFrom !== undefined) {
        const higher = ctx.book.join(c.kingdom, c.excludeFrom);
        if (higher === null) ctx.warn(`${provenance}: ${c.excludeFrom} unknown; ${c.taxon} not excluded from it`);
        else {
          for (const e of ctx.timeline.cut(higher, date)) {
            ctx.timeline.add(higher, { ...e, effectiveFrom: date, effectiveTo: null, excludedTaxa: [...e.excludedTaxa, key], provenance });
          }
        }
      }
      break;
    }
    case 'appendix-iii-add':
      ctx.timeline.cut(key, date, (e) => e.appendix === 'III' && (e.party === c.party || e.party === null));
      ctx.timeline.add(
        key,
        entryFrom(
          ctx,
          key,
          c.kingdom,
          { appendix: 'III', party: c.party, populations: c.populations, annotation: c.annotation, hashAnnotation: c.hashAnnotation, specimens: null },
          date,
          provenance,
        ),
      );
      break;
    case 'appendix-iii-withdraw':
      if (ctx.timeline.cut(key, date, (e) => e.appendix === 'III' && e.party === c.party).length === 0) {
        ctx.warn(`${provenance}: withdrawal of ${c.taxon} (${c.party}) from Appendix III on ${date}: no such entry in force`);
      }
      break;
    case 'rename': {
      const target = ctx.book.join(c.kingdom, c.to);
      if (target !== null && target !== key) {
        ctx.warn(`${provenance}: rename of ${c.taxon} to ${c.to}: that name is already a taxon; not applied`);
        return false;
      }
      const renamed = ctx.book.rename(key, c.to);
      ctx.timeline.rename(key, renamed);
      break;
    }
  }
  ctx.count(`amendment changes applied (${c.action})`);
  return true;
}
