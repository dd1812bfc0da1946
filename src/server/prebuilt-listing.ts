import type { ListedTool } from './tool-listing.js';

/**
 * tools/list as computed at build time: scripts/build.mjs replaces this module in the bundle
 * with the output of listTools(allTools). Run from source (tests), it is undefined and the
 * registry converts the schemas itself.
 */
export const prebuiltListing: ListedTool[] | undefined = undefined;
