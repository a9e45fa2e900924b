/**
 * Runs bench scenarios without the TypeScript compiler in the measured process: the parent transpiles the project's
 * .ts files once into .cache/bench-js/ (git-ignored), and each child registers a tiny `.ts` loader that reads the
 * transpiled JavaScript from there. So a scenario's peak RSS is n8n's engine, our nodes and the sandboxes, not
 * ts-node's compiler (about 45 MB).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CACHE = path.join(ROOT, '.cache', 'bench-js');
const SOURCES = ['nodes', 'credentials', 'sandbox', 'test/helpers', 'bench', 'scripts/soak'];

function tsFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) return e.name === 'results' || e.name === 'node_modules' ? [] : tsFiles(full);
		return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
	});
}

/** Transpiles every source file whose output is missing or older; returns the loader file for `node -r`. */
export function precompile(): string {
	const options: ts.CompilerOptions = {
		module: ts.ModuleKind.CommonJS,
		target: ts.ScriptTarget.ES2022,
		esModuleInterop: true,
		resolveJsonModule: true,
		useUnknownInCatchVariables: false,
		sourceMap: false,
	};
	for (const file of SOURCES.flatMap((s) => tsFiles(path.join(ROOT, s)))) {
		const out = path.join(CACHE, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
		if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(file).mtimeMs) continue;
		const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file });
		fs.mkdirSync(path.dirname(out), { recursive: true });
		fs.writeFileSync(out, outputText);
	}
	const loader = path.join(CACHE, 'loader.js');
	fs.writeFileSync(
		loader,
		[
			"'use strict';",
			"const fs = require('fs');",
			"const path = require('path');",
			`const ROOT = ${JSON.stringify(ROOT)};`,
			`const CACHE = ${JSON.stringify(CACHE)};`,
			"require.extensions['.ts'] = function (module, filename) {",
			"\tconst out = path.join(CACHE, path.relative(ROOT, filename)).replace(/\\.ts$/, '.js');",
			"\tif (!fs.existsSync(out)) throw new Error('bench: ' + filename + ' was not precompiled (run through bench/run.ts)');",
			"\tmodule._compile(fs.readFileSync(out, 'utf8'), filename);",
			'};',
			'',
		].join('\n'),
	);
	return loader;
}
