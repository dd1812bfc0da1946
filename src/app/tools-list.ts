import { allTools } from '../tools/index.js';
import { listTools, type ListedTool } from '../server/listed-tool.js';

/**
 * tools/list, the same for every session. Run from source it is converted from the tools'
 * schemas here; in the bundle, scripts/build.mjs replaces this module with the result computed
 * at build time, so neither the conversion nor the tools themselves load before the first call.
 */
export const toolListing: ListedTool[] = listTools(allTools);
