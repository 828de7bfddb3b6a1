import { startSubgraph } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { logger } from '../../../src/logger.js';
import { serveBenchParent } from './bench-child.js';

// The subgraph as `npm start` runs it, configured by its environment, in a process of its own.
const config = loadConfig(process.env);
logger.level = config.logLevel;
const subgraph = await startSubgraph(config);

serveBenchParent({ url: subgraph.url }, {}, () => subgraph.close());
