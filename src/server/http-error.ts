/** A request the subgraph refuses: answered with `status` and `message` as a GraphQL error list. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
