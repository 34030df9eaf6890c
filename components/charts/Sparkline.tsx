/**
 * A small inline SVG line of a series (nulls leave gaps, a value alone between them is a dot),
 * scaled to its own min and max. It
 * carries no numbers of its own: `label` says what it shows for screen readers.
 */
export function Sparkline({
  values,
  label,
  width = 96,
  height = 24,
}: {
  values: readonly (number | null)[];
  label: string;
  width?: number;
  height?: number;
}) {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = present.length ? Math.min(...present) : 0;
  const hi = present.length ? Math.max(...present) : 1;
  const span = hi - lo || 1;
  const dx = values.length > 1 ? width / (values.length - 1) : 0;
  const pad = 2;
  const y = (v: number) => pad + (height - 2 * pad) * (1 - (v - lo) / span);
  // One path with a move wherever a step had no value.
  let d = '';
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      drawing = false;
      return;
    }
    d += `${drawing ? 'L' : 'M'}${(i * dx).toFixed(1)},${y(v).toFixed(1)}`;
    drawing = true;
  });
  // A value with none on either side is a dot: a path of one point draws nothing.
  const has = (i: number) => i >= 0 && i < values.length && values[i] !== null && Number.isFinite(values[i]!);
  const lone = values.flatMap((v, i) => (has(i) && !has(i - 1) && !has(i + 1) ? [i] : []));
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="overflow-visible text-accent"
    >
      {d && <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />}
      {lone.map((i) => (
        <circle
          key={i}
          cx={(values.length > 1 ? i * dx : width / 2).toFixed(1)}
          cy={y(values[i]!).toFixed(1)}
          r={1.5}
          fill="currentColor"
        />
      ))}
    </svg>
  );
}
