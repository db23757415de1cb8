/** A value as indented JSON, for step inputs and outputs. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  if (value === undefined) return null;
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  const long = text.length > 20_000;
  return (
    <div className="json-view">
      <div className="json-label">{label}</div>
      <pre tabIndex={0} aria-label={label}>{long ? `${text.slice(0, 20_000)}\n… (${text.length.toLocaleString()} characters)` : text}</pre>
    </div>
  );
}
