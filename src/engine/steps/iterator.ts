import { StepError, type StepExecutor } from './types';

export const MAX_ITERATOR_ITEMS = 10_000;

/** One turn of a loop: the next item, or the end. The runner resets the body between turns. */
export const iterator: StepExecutor<'ITERATOR'> = {
  type: 'ITERATOR',
  async execute(ctx) {
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
    return {
      input: { itemCount: items.length },
      output: {
        currentItem: done ? null : items[index],
        currentItemIndex: done ? items.length : index,
        hasProcessedAllItems: done,
        ...(done ? { failedItemCount: current?.failures ?? 0 } : {}),
      },
      loop: { items, index, failures: current?.failures ?? 0 },
    };
  },
};

function toItems(value: unknown): unknown[] {
  let items = value;
  if (typeof items === 'string') {
    try {
      items = JSON.parse(items);
    } catch {
      throw new StepError('the items to iterate over are text, not a list');
    }
  }
  if (items === null || items === undefined) return [];
  if (!Array.isArray(items)) throw new StepError(`the items to iterate over must be a list, got ${typeof items}`);
  if (items.length > MAX_ITERATOR_ITEMS) {
    throw new StepError(`the list has ${items.length} items; an iterator handles at most ${MAX_ITERATOR_ITEMS.toLocaleString('en')}`);
  }
  return items;
}
