type Json = Record<string, unknown>;

/**
 * Twenty's record filters name a field by its id in the workspace they came from; Localflow
 * matches them by label (then by a name that reads like the label) to its own fields. Those
 * that match nothing stay as they are: the editor asks for the field.
 */
export function matchFieldsByLabel<S extends { type: string; settings: { input: unknown } }>(
  steps: S[],
  objects: { name: string; fields: { name: string; label: string }[] }[],
): S[] {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return steps.map((step) => {
    if (step.type !== 'FIND_RECORDS') return step;
    const input = step.settings.input as { objectName: string; filter?: { recordFilters?: Json[] } };
    const meta = objects.find((o) => o.name === input.objectName);
    const filters = input.filter?.recordFilters;
    if (!meta || !filters?.some((f) => !f.fieldName)) return step;
    const match = (label: unknown) =>
      typeof label === 'string' && label
        ? (meta.fields.find((f) => f.label.toLowerCase() === label.toLowerCase()) ??
          meta.fields.find((f) => squash(f.name) === squash(label)))
        : undefined;
    const recordFilters = filters.map((f) => (f.fieldName ? f : { ...f, fieldName: match(f.label)?.name }));
    return { ...step, settings: { ...step.settings, input: { ...input, filter: { ...input.filter, recordFilters } } } };
  });
}
