/** A daily window as two time inputs (from, until), in each customer's local time. */
export function ClockWindowFields({
  value,
  onChange,
  labels,
  names,
}: {
  value: { start: string; end: string };
  onChange: (next: { start: string; end: string }) => void;
  /** What the two inputs say on screen. */
  labels: [string, string];
  /** Their accessible names, where the screen's words are not enough. */
  names: [string, string];
}) {
  return (
    <div className="row">
      {(['start', 'end'] as const).map((end, i) => (
        <label key={end} className="field">
          <span>{labels[i]}</span>
          <input
            aria-label={names[i]}
            type="time"
            value={value[end]}
            onChange={(e) => onChange({ ...value, [end]: e.target.value })}
          />
        </label>
      ))}
    </div>
  );
}
