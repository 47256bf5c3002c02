// A whole-number flag (`--devices 100_000`, `--devices 100,000`), or the fallback when absent.
export function countFlag(flags: Map<string, string>, name: string, fallback: number, min = 0): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const v = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be a whole number of at least ${min}, got "${raw}"`);
  return v;
}
