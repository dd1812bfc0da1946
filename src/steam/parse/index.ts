/** The parsers, for the clients that use them (they load with the services, lazy.services). */
export { parseAppDetails } from './app-details.js';
export { parseAppReviews } from './app-reviews.js';
export { parseFeaturedCategories } from './featured.js';
export { parseSearchResultsHtml, parseSearchResultsJson } from './search-results.js';
export { parseStoreSearch } from './store-search.js';
export { parseGetItems, parseStoreQuery } from './store-items.js';
export { parsePopularTags, parseTagList } from './tags.js';
export { parseItemTags } from './item-tags.js';
export { parseCurrentPlayers } from './players.js';
export { parseReviewHistogram } from './review-histogram.js';
