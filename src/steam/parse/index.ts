/** The parsers, loaded together on first use (node-html-parser stays off the start-up path). */
export { parseAppDetails } from './app-details.js';
export { parseAppReviews, parseCurrentPlayers, parseReviewHistogram } from './reviews-and-players.js';
export { parseSearchResultsHtml, parseSearchResultsJson } from './store-html.js';
export { parseStoreSearch } from './store-search.js';
export { parseGetItems, parseStoreQuery } from './store-items.js';
export { parseItemTags, parsePopularTags, parseTagList } from './tags.js';
