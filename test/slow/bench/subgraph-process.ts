import { startSubgraph } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logger.js';
import { serveBenchParent } from './bench-child.js';

// The subgraph as `npm start` runs it, configured by its environment, in a process of its own.
const config = loadConfig(process.env);
const subgraph = await startSubgraph(config, { logger: createLogger(undefined, config.logLevel) });

serveBenchParent({ url: subgraph.url }, {}, () => subgraph.close());
