import * as fs from 'fs';
import * as path from 'path';

import type { NodeTypeDescription } from './n8n-api';

export interface PackageInfo {
	name: string;
	version: string;
	/** Node descriptions as the built package defines them (type name without the package prefix). */
	nodes: NodeTypeDescription[];
	/** Credential type names. */
	credentials: string[];
}

interface PackageJson {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

function loadClass(root: string, file: string): any {
	const abs = path.join(root, file);
	if (!fs.existsSync(abs)) throw new Error(`package.json lists ${file}, but it does not exist: run "npm run build"`);
	const className = path.basename(file).split('.')[0];
	const mod = require(abs);
	const Cls = mod[className];
	if (typeof Cls !== 'function') throw new Error(`${file} does not export a class named ${className}`);
	return new Cls();
}

/** Reads the package the way n8n does: package.json's "n8n" section, then each listed dist file. */
export function readPackage(root: string): PackageInfo {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
	const nodes: NodeTypeDescription[] = [];
	for (const file of pkg.n8n?.nodes ?? []) {
		const inst = loadClass(root, file);
		// A versioned node keeps its per-version descriptions in nodeVersions.
		if (inst.nodeVersions) {
			for (const v of Object.values(inst.nodeVersions) as any[]) nodes.push(v.description);
		} else {
			nodes.push(inst.description);
		}
	}
	const credentials = (pkg.n8n?.credentials ?? []).map((file) => loadClass(root, file).name as string);
	return { name: pkg.name, version: pkg.version, nodes, credentials };
}

/**
 * Installs the built package where n8n looks for community packages: <user folder>/.n8n/nodes/node_modules/<name>
 * (package.json + dist only, which is what `npm install` of the published tarball produces; the package has no
 * runtime dependencies). n8n then registers its nodes as `<package name>.<node name>`.
 */
export function installPackage(root: string, userFolder: string): string {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const dest = path.join(nodesDir, 'node_modules', pkg.name);
	fs.mkdirSync(dest, { recursive: true });
	fs.copyFileSync(path.join(root, 'package.json'), path.join(dest, 'package.json'));
	fs.cpSync(path.join(root, 'dist'), path.join(dest, 'dist'), { recursive: true });
	// What n8n's own community-package installer leaves next to node_modules.
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } }, null, 2),
	);
	return dest;
}
