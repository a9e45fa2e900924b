import { searchLocations } from './listSearch';

/** `listSearch` methods of Sync Inventory (n8n calls them by name from a resource locator's `searchListMethod`). */
export const listSearch = { searchLocations };
