/**
 * The User-Agent of every request the BigCommerce transport and the WMS sender send: the package's
 * name and version from package.json. tsc compiles the import into `require('../../../package.json')`, and copies
 * package.json to dist/ beside dist/nodes, so the path resolves the same from the sources and from dist; no runtime
 * dependency and no file read.
 */
import { name, version } from '../../../package.json';

export const USER_AGENT = `${name}/${version} (+n8n community node)`;
