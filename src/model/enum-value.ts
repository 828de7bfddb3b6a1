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

/**
 * Maps a provider's snake_case enum string (`if_required`) to the GraphQL value of the same
 * name (`IF_REQUIRED`) when that value is one we know; otherwise `UNKNOWN`, reported.
 */
export function toSameNamedEnumValue<Value extends string>(
  raw: string | null | undefined,
  values: readonly Value[],
  reportUnknown: (raw: string) => void,
): Value | 'UNKNOWN' | null {
  if (raw === null || raw === undefined) return null;
  const candidate = raw.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  if ((values as readonly string[]).includes(candidate)) return candidate as Value;
  reportUnknown(raw);
  return 'UNKNOWN';
}
