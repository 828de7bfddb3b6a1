/** The `Authorization` header of a provider that takes its secret key as the Basic user name, with no password. */
export function basicAuthorization(secretKey: string): string {
  return `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`;
}
