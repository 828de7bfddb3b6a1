/**
 * A query whose fragments each spread the next one twice, `levels` deep: under 2 KB of
 * text at 40 levels, 2^40 selections once expanded. `on: 'session'` spreads it inside a
 * `checkoutSession` field, `on: 'root'` at the root of the query.
 */
export function fragmentBomb(levels: number, on: 'session' | 'root', sessionId = 'cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u'): string {
  const type = on === 'session' ? 'CheckoutSession' : 'Query';
  const fragments = Array.from({ length: levels }, (_, level) => `fragment F${level} on ${type} { ...F${level + 1} ...F${level + 1} }`);
  fragments.push(`fragment F${levels} on ${type} { ${on === 'session' ? 'id' : '__typename'} }`);
  const operation = on === 'session' ? `query Bomb { checkoutSession(id: "${sessionId}") { ...F0 } }` : 'query Bomb { ...F0 }';
  return [operation, ...fragments].join('\n');
}
