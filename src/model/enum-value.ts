/**
 * Maps a provider's enum string to ours. A value we do not know yet becomes `UNKNOWN`
 * (and is reported, so that someone adds it), never an error.
 */
export function toEnumValue<Value extends string>(
  raw: string | null | undefined,
  mapping: Readonly<Record<string, Value>>,
  reportUnknown: (raw: string) => void,
): Value | 'UNKNOWN' | null {
  if (raw === null || raw === undefined) return null;
  const value = Object.hasOwn(mapping, raw) ? mapping[raw] : undefined;
  if (value !== undefined) return value;
  reportUnknown(raw);
  return 'UNKNOWN';
}
