import { t } from '@lingui/core/macro';
import { formatNumber } from '../../i18n/format';
import { wholeVariablePath } from '../resolver';
import { StepError, type StepContext, type StepDefinition } from './types';

export const MAX_ITERATOR_ITEMS = 10_000;

/** One turn of a loop: the next item, or the end. The runner resets the body between turns. */
export const iterator: StepDefinition<'ITERATOR'> = {
  type: 'ITERATOR',
  outputs: (step, env) => [
    { path: 'currentItemIndex', label: t`Position` },
    { path: 'currentItem', label: t`Current item`, record: env.listObjectOf(step.settings.input.items) },
  ],
  execute(ctx) {
    const current = ctx.state.loops[ctx.step.id];
    let items: unknown[];
    let index: number;
    if (current) {
      items = current.items;
      index = current.index + 1;
    } else {
      items = toItems(ctx.resolve(ctx.step.settings.input.items));
      index = 0;
    }
    const done = index >= items.length;
    const outcome = {
      input: { itemCount: items.length },
      output: {
        currentItem: done ? null : items[index],
        currentItemIndex: done ? items.length : index,
        hasProcessedAllItems: done,
        ...(done ? { failedItemCount: current?.failures ?? 0 } : {}),
      },
      loop: {
        items,
        index,
        failures: current?.failures ?? 0,
        source: current ? current.source : sourceOf(ctx.step.settings.input.items),
      },
    };
    // Most turns find their record already read (a batch is read every 1,000 items).
    const reading = done ? undefined : prefetchRecords(ctx.records, items, index);
    return reading ? reading.then(() => outcome) : outcome;
  },
};

/** `{{find.all}}` → 'find.all' when the items setting is exactly one variable. */
function sourceOf(setting: unknown): string | undefined {
  const path = wholeVariablePath(setting);
  return path ? (setting as string).trim().slice(2, -2).trim() : undefined;
}

const PREFETCH = 1000;

/**
 * When the items are records, read the next ones in one batch instead of one at a time;
 * undefined when there is nothing to read.
 */
function prefetchRecords(records: StepContext['records'], items: unknown[], index: number): Promise<void> | undefined {
  if (!records.prefetch) return undefined;
  const idOf = (item: unknown) =>
    item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
      ? (item as { id: string }).id
      : undefined;
  const current = idOf(items[index]);
  if (current === undefined) return undefined;
  return records.prefetch(current, () => {
    const ids: string[] = [];
    for (let i = index; i < Math.min(items.length, index + PREFETCH); i++) {
      const id = idOf(items[i]);
      if (id) ids.push(id);
    }
    return ids;
  });
}

function toItems(value: unknown): unknown[] {
  let items = value;
  if (typeof items === 'string') {
    try {
      items = JSON.parse(items);
    } catch {
      throw new StepError(t`the items to iterate over are text, not a list`);
    }
  }
  if (items === null || items === undefined) return [];
  if (!Array.isArray(items)) {
    const kind = typeof items;
    throw new StepError(t`the items to iterate over must be a list, got ${kind}`);
  }
  if (items.length > MAX_ITERATOR_ITEMS) {
    const count = formatNumber(items.length);
    const most = formatNumber(MAX_ITERATOR_ITEMS);
    throw new StepError(t`the list has ${count} items; an iterator handles at most ${most}`);
  }
  return items;
}
