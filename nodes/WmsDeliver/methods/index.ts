import { searchShippingMethods } from './listSearch';

/** `listSearch` methods of WMS Deliver (n8n calls them by name from a resource locator's `searchListMethod`). */
export const listSearch = { searchShippingMethods };
