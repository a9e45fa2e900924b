import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import * as ts from 'typescript';

/**
 * No function or method in nodes/ or credentials/ is longer than 60 lines (issue 12: a long function's numbered step
 * comments are the names of the functions it is missing). Lines counted from the declaration's first line to its
 * closing brace; nested functions are measured on their own and count towards the function around them too.
 */
const MAX_LINES = 60;
const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
	});
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
	const named = node as ts.Node & { name?: ts.Node };
	if (named.name) return named.name.getText(source);
	if (ts.isConstructorDeclaration(node)) return 'constructor';
	const parent = node.parent;
	if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))) {
		return parent.name.getText(source);
	}
	return '(anonymous)';
}

function longFunctions(files: string[], max = MAX_LINES): string[] {
	const found: string[] = [];
	for (const file of files) {
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
		const visit = (node: ts.Node) => {
			if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
				const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
				const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
				const lines = end - start + 1;
				if (lines > max) found.push(`${relative(ROOT, file)}:${start + 1} ${nameOf(node, source)} (${lines} lines)`);
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return found;
}

describe('function length', () => {
	it(`no function or method in nodes/ or credentials/ is longer than ${MAX_LINES} lines`, () => {
		const files = [...sourceFiles(join(ROOT, 'nodes')), ...sourceFiles(join(ROOT, 'credentials'))];
		expect(files.length).toBeGreaterThan(50);
		expect(longFunctions(files)).toEqual([]);
	});
	it('measures functions, methods, arrow functions and object methods', () => {
		const dir = mkdtempSync(join(tmpdir(), 'fnlen-'));
		const body = (n: number) => Array.from({ length: n }, (_, i) => `\tconst v${i} = ${i};`).join('\n');
		const file = join(dir, 'sample.ts');
		writeFileSync(
			file,
			[
				`function short() {\n${body(3)}\n}`,
				`function long() {\n${body(59)}\n}`,
				`const arrow = () => {\n${body(60)}\n};`,
				`class K {\n\tmethod() {\n${body(58)}\n\t}\n\tlonger() {\n${body(59)}\n\t}\n}`,
				`const o = { m() {\n${body(59)}\n} };`,
			].join('\n'),
		);
		expect(longFunctions([file]).map((f) => f.replace(/^.*sample\.ts:\d+ /, ''))).toEqual([
			'long (61 lines)',
			'arrow (62 lines)',
			'longer (61 lines)',
			'm (61 lines)',
		]);
	});
});
