import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';

export interface SubgraphDefinition {
  name: string;
  /** GraphQL endpoint the gateway routes to. */
  url: string;
  typeDefs: DocumentNode;
}

/** One request the gateway sent to a subgraph. */
export interface SubgraphFetch {
  subgraph: string;
  query: string;
  /** Number of entity representations, for an `_entities` fetch. */
  representations: number;
}

export interface RunningGateway {
  /** GraphQL endpoint; Apollo Sandbox when opened in a browser. */
  url: string;
  supergraphSdl: string;
  /** Every subgraph request, in the order sent. */
  fetches: SubgraphFetch[];
  close(): Promise<void>;
}

class RecordingDataSource extends RemoteGraphQLDataSource {
  constructor(
    readonly subgraph: string,
    url: string,
    private readonly fetches: SubgraphFetch[],
  ) {
    super({ url });
  }

  override willSendRequest({ request }: GraphQLDataSourceProcessOptions): void {
    const representations = request.variables?.representations;
    this.fetches.push({
      subgraph: this.subgraph,
      query: request.query ?? '',
      representations: Array.isArray(representations) ? representations.length : 0,
    });
  }
}

/**
 * Composes the subgraphs into a supergraph with `@apollo/composition` and serves it with
 * `@apollo/gateway` over real HTTP on loopback; both log to `logger`.
 */
export async function startGateway(
  subgraphs: readonly SubgraphDefinition[],
  options: { port?: number; plugins?: ApolloServerPlugin[]; logger: Logger },
): Promise<RunningGateway> {
  const { logger } = options;
  const composition = composeServices([...subgraphs]);
  if (composition.errors) {
    throw new Error(`Composition failed:\n${composition.errors.map((error) => error.message).join('\n')}`);
  }
  const fetches: SubgraphFetch[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: composition.supergraphSdl,
    buildService: ({ name, url }) => new RecordingDataSource(name, url ?? '', fetches),
    logger,
  });
  // Whoever runs the gateway (a test, the demo) owns the process's signals.
  const server = new ApolloServer({ gateway, logger, plugins: options.plugins ?? [], stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, { listen: { port: options.port ?? 0, host: '127.0.0.1' } });
  return { url, supergraphSdl: composition.supergraphSdl, fetches, close: () => server.stop() };
}
