import type {
  FilterCondition,
  FilterGroup,
  RecordFilter,
  RecordFilterGroup,
  RecordFilters,
  StepFilter,
  StepFilterGroup,
  StepFilters,
} from './filter';

/**
 * Twenty's flat filter lists as the editor's tree and back. Ids are kept where they exist and
 * made (UUIDs) where they do not, so a filter keeps its ids across edits.
 */

export const newId = (): string => crypto.randomUUID();

export function isFilterGroup(item: FilterCondition | FilterGroup): item is FilterGroup {
  return 'conditions' in item;
}

const byPosition =
  <T>(position: (x: T) => number | undefined) =>
  (a: T, b: T) =>
    (position(a) ?? 0) - (position(b) ?? 0);

/** The root group (no parent), or the named one. */
function rootOf<G extends { id: string }>(groups: G[], parentOf: (g: G) => string | undefined, rootId?: string) {
  return rootId ? groups.find((g) => g.id === rootId) : groups.find((g) => !parentOf(g));
}

/** A step filter (or one if/else branch's, by its group id) as a tree. */
export function stepFilterTree(filters: StepFilters, rootId?: string): FilterGroup {
  const root = rootOf(filters.stepFilterGroups, (g) => g.parentStepFilterGroupId, rootId);
  if (!root) return { operator: 'AND', conditions: [], id: rootId };
  const build = (group: StepFilterGroup): FilterGroup => {
    const items: { position: number | undefined; item: FilterCondition | FilterGroup }[] = [
      ...filters.stepFilters
        .filter((f) => f.stepFilterGroupId === group.id)
        .map((f) => ({ position: f.positionInStepFilterGroup, item: conditionOfStepFilter(f) })),
      ...filters.stepFilterGroups
        .filter((g) => g.parentStepFilterGroupId === group.id)
        .map((g) => ({ position: g.positionInStepFilterGroup, item: build(g) })),
    ];
    items.sort(byPosition((x) => x.position));
    return { operator: group.logicalOperator, id: group.id, conditions: items.map((x) => x.item) };
  };
  return build(root);
}

function conditionOfStepFilter(f: StepFilter): FilterCondition {
  return {
    id: f.id,
    left: f.stepOutputKey,
    operand: f.operand,
    right: f.value,
    type: f.type,
    ...(f.fieldMetadataId ? { fieldMetadataId: f.fieldMetadataId } : {}),
    ...(f.compositeFieldSubFieldName ? { subField: f.compositeFieldSubFieldName } : {}),
  };
}

/** A tree as Twenty's flat lists (its root group first). */
export function treeToStepFilters(tree: FilterGroup): StepFilters {
  const out: StepFilters = { stepFilterGroups: [], stepFilters: [] };
  const walk = (group: FilterGroup, parent: string | undefined, position: number | undefined) => {
    const id = group.id ?? newId();
    out.stepFilterGroups.push({
      id,
      logicalOperator: group.operator,
      ...(parent ? { parentStepFilterGroupId: parent } : {}),
      ...(position !== undefined ? { positionInStepFilterGroup: position } : {}),
    });
    group.conditions.forEach((c, i) => {
      if (isFilterGroup(c)) walk(c, id, i);
      else
        out.stepFilters.push({
          id: c.id ?? newId(),
          type: c.type ?? 'unknown',
          stepOutputKey: c.left,
          operand: c.operand,
          value: filterText(c.right),
          stepFilterGroupId: id,
          positionInStepFilterGroup: i,
          ...(c.fieldMetadataId ? { fieldMetadataId: c.fieldMetadataId } : {}),
          ...(c.subField ? { compositeFieldSubFieldName: c.subField } : {}),
        });
    });
  };
  walk(tree, undefined, undefined);
  return out;
}

/** The groups under a root group, the root included. */
function subtreeIds<G extends { id: string }>(groups: G[], parentOf: (g: G) => string | undefined, rootId: string) {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const g of groups) {
      const parent = parentOf(g);
      if (parent && ids.has(parent) && !ids.has(g.id)) {
        ids.add(g.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Replaces one root group's subtree (an if/else branch's conditions) with a new tree. */
export function replaceStepFilterSubtree(filters: StepFilters, rootId: string, tree: FilterGroup): StepFilters {
  const old = subtreeIds(filters.stepFilterGroups, (g) => g.parentStepFilterGroupId, rootId);
  const added = treeToStepFilters({ ...tree, id: rootId });
  return {
    stepFilterGroups: [...filters.stepFilterGroups.filter((g) => !old.has(g.id)), ...added.stepFilterGroups],
    stepFilters: [...filters.stepFilters.filter((f) => !old.has(f.stepFilterGroupId)), ...added.stepFilters],
  };
}

/** Drops one root group's subtree. */
export function removeStepFilterSubtree(filters: StepFilters, rootId: string): StepFilters {
  const old = subtreeIds(filters.stepFilterGroups, (g) => g.parentStepFilterGroupId, rootId);
  return {
    stepFilterGroups: filters.stepFilterGroups.filter((g) => !old.has(g.id)),
    stepFilters: filters.stepFilters.filter((f) => !old.has(f.stepFilterGroupId)),
  };
}

/** A record filter as a tree: `left` is the field path (`name.firstName`). */
export function recordFilterTree(filters: RecordFilters): FilterGroup {
  const root = rootOf(filters.recordFilterGroups, (g) => g.parentRecordFilterGroupId);
  const build = (group: RecordFilterGroup | undefined): FilterGroup => {
    const items: { position: number | undefined; item: FilterCondition | FilterGroup }[] = [
      ...filters.recordFilters
        .filter((f) => (group ? f.recordFilterGroupId === group.id : !f.recordFilterGroupId))
        .map((f) => ({ position: f.positionInRecordFilterGroup, item: conditionOfRecordFilter(f) })),
      ...(group
        ? filters.recordFilterGroups
            .filter((g) => g.parentRecordFilterGroupId === group.id)
            .map((g) => ({ position: g.positionInRecordFilterGroup, item: build(g) }))
        : []),
    ];
    items.sort(byPosition((x) => x.position));
    return { operator: group?.logicalOperator ?? 'AND', id: group?.id, conditions: items.map((x) => x.item) };
  };
  return build(root);
}

function conditionOfRecordFilter(f: RecordFilter): FilterCondition {
  return {
    id: f.id,
    left: [f.fieldName ?? '', ...(f.subFieldName ? [f.subFieldName] : [])].join('.'),
    operand: f.operand,
    right: f.value,
    type: f.type,
    ...(f.fieldMetadataId ? { fieldMetadataId: f.fieldMetadataId } : {}),
    ...(f.label ? { label: f.label } : {}),
  };
}

/** A tree of conditions on record fields as Twenty's record filter lists. */
export function treeToRecordFilters(tree: FilterGroup): RecordFilters {
  const out: RecordFilters = { recordFilterGroups: [], recordFilters: [] };
  const walk = (group: FilterGroup, parent: string | undefined, position: number | undefined) => {
    const id = group.id ?? newId();
    out.recordFilterGroups.push({
      id,
      logicalOperator: group.operator,
      ...(parent ? { parentRecordFilterGroupId: parent } : {}),
      ...(position !== undefined ? { positionInRecordFilterGroup: position } : {}),
    });
    group.conditions.forEach((c, i) => {
      if (isFilterGroup(c)) return walk(c, id, i);
      const [fieldName, ...sub] = c.left.replace(/^\{\{|\}\}$/g, '').split('.');
      out.recordFilters.push({
        id: c.id ?? newId(),
        fieldMetadataId: c.fieldMetadataId ?? '',
        fieldName,
        type: c.type ?? 'unknown',
        label: c.label ?? '',
        operand: c.operand,
        value: filterText(c.right),
        ...(sub.length ? { subFieldName: sub.join('.') } : {}),
        recordFilterGroupId: id,
        positionInRecordFilterGroup: i,
      });
    });
  };
  walk(tree, undefined, undefined);
  return out;
}

/** Filter values are text, as in Twenty: other values are written as JSON. */
export function filterText(value: unknown): string {
  return value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}
