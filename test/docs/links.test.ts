/**
 * The repository stands alone: every relative link in its markdown resolves to a file in the repository (and an
 * `#anchor` to a heading of that file), the nodes' codex documentation links point at headings of the README, and no
 * source file cites design notes that are not in the repository.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.cache']);

function walk(dir: string, keep: (file: string) => boolean): string[] {
	if (!fs.existsSync(dir)) return [];
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (SKIP_DIRS.has(entry.name)) continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...walk(full, keep));
		else if (keep(full)) out.push(full);
	}
	return out;
}

const isMarkdown = (file: string) => file.endsWith('.md');

/** The repository's markdown: README.md and every .md under docs/, e2e/ and sandbox/. */
function markdownFiles(): string[] {
	return [path.join(ROOT, 'README.md'), ...['docs', 'e2e', 'sandbox'].flatMap((dir) => walk(path.join(ROOT, dir), isMarkdown))];
}

/** Markdown with the lines of fenced code blocks emptied (a `# comment` in a shell block is not a heading). */
function stripFences(markdown: string): string {
	const lines: string[] = [];
	let fence: string | undefined;
	for (const line of markdown.split('\n')) {
		const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
		if (fence) {
			if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
			lines.push('');
		} else if (marker) {
			fence = marker;
			lines.push('');
		} else lines.push(line);
	}
	return lines.join('\n');
}

/** Markdown without code blocks and inline code spans (links in code are not links). */
function stripCode(markdown: string): string {
	return stripFences(markdown).replace(/(`+)[^`]*?\1/g, '');
}

/** GitHub's anchor for a heading text (github-slugger): lowercase, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
	return heading
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/** Every anchor a markdown file offers (ATX headings, duplicates numbered as GitHub does). */
function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const counts = new Map<string, number>();
	for (const line of stripFences(markdown).split('\n')) {
		const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
		if (heading === undefined) continue;
		const base = slug(heading);
		const n = counts.get(base) ?? 0;
		counts.set(base, n + 1);
		anchors.add(n ? `${base}-${n}` : base);
	}
	return anchors;
}

/** Link targets of a markdown text: inline links and images, and reference definitions. */
function linkTargets(markdown: string): string[] {
	const text = stripCode(markdown);
	const targets: string[] = [];
	for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]);
	for (const m of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) targets.push(m[1]);
	return targets;
}

const hasScheme = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** What is wrong with the relative links of `file` (whose text is `markdown`), in words; [] when all resolve. */
function brokenLinks(file: string, markdown: string, read: (file: string) => string | undefined): string[] {
	const problems: string[] = [];
	const where = path.relative(ROOT, file);
	for (const target of linkTargets(markdown)) {
		if (hasScheme(target)) continue;
		const [rawPath, anchor] = target.split('#', 2);
		const linked = rawPath ? path.resolve(path.dirname(file), decodeURIComponent(rawPath)) : file;
		if (linked !== ROOT && !linked.startsWith(ROOT + path.sep)) {
			problems.push(`${where}: ${target} points outside the repository`);
			continue;
		}
		const text = linked === file ? markdown : read(linked);
		if (text === undefined) {
			problems.push(`${where}: ${target}: ${path.relative(ROOT, linked)} does not exist`);
			continue;
		}
		if (anchor && linked.endsWith('.md') && !anchorsOf(text).has(anchor)) {
			problems.push(`${where}: ${target}: no heading with anchor #${anchor} in ${path.relative(ROOT, linked)}`);
		}
	}
	return problems;
}

function readFromDisk(file: string): string | undefined {
	if (!fs.existsSync(file)) return undefined;
	return fs.statSync(file).isDirectory() ? '' : fs.readFileSync(file, 'utf8');
}

describe('documentation links', () => {
	it('the checker finds a missing file, a missing anchor and a link out of the repository', () => {
		const file = path.join(ROOT, 'docs', 'example.md');
		const files: Record<string, string> = { [path.join(ROOT, 'README.md')]: '# Title\n\n## Exactly once, under `overlapping` runs\n' };
		const md = [
			'# Here',
			'[ok](../README.md#exactly-once-under-overlapping-runs) [self](#here) [web](https://example.com/x.md)',
			'[gone](missing.md) [bad anchor](../README.md#nowhere) [out](../../elsewhere/notes.md)',
			'```md',
			'[in code](not-checked.md)',
			'```',
			'`[inline code](not-checked-either.md)`',
		].join('\n');
		expect(brokenLinks(file, md, (f) => files[f])).toEqual([
			'docs/example.md: missing.md: docs/missing.md does not exist',
			'docs/example.md: ../README.md#nowhere: no heading with anchor #nowhere in README.md',
			'docs/example.md: ../../elsewhere/notes.md points outside the repository',
		]);
	});

	it('anchors follow GitHub: punctuation dropped, duplicates numbered, headings in code ignored', () => {
		const anchors = anchorsOf('# A: b & C\n## Generic WMS HTTP contract\n## Generic WMS HTTP contract\n```sh\n# not a heading\n```\n');
		expect([...anchors]).toEqual(['a-b--c', 'generic-wms-http-contract', 'generic-wms-http-contract-1']);
	});

	const files = markdownFiles();

	it('finds the repository markdown', () => {
		const names = files.map((f) => path.relative(ROOT, f));
		expect(names).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'e2e/README.md', 'sandbox/wms/README.md']));
	});

	it.each(files.map((f) => [path.relative(ROOT, f), f]))('every relative link in %s resolves', (_name, file) => {
		expect(brokenLinks(file, fs.readFileSync(file, 'utf8'), readFromDisk)).toEqual([]);
	});

	it("the nodes' codex documentation links point at headings of the README", () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { homepage: string };
		const base = pkg.homepage.split('#')[0];
		const readme = anchorsOf(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
		const codexFiles = walk(path.join(ROOT, 'nodes'), (f) => f.endsWith('.node.json'));
		expect(codexFiles.length).toBeGreaterThanOrEqual(4);
		const problems: string[] = [];
		for (const file of codexFiles) {
			const codex = JSON.parse(fs.readFileSync(file, 'utf8')) as { resources?: Record<string, Array<{ url: string }>> };
			for (const { url } of Object.values(codex.resources ?? {}).flat()) {
				const [page, anchor] = url.split('#', 2);
				if (page !== base) continue;
				if (!anchor || !readme.has(anchor)) problems.push(`${path.relative(ROOT, file)}: ${url} has no heading in README.md`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('every repository path docs/architecture.md names exists', () => {
		const text = stripFences(fs.readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8'));
		const named = [...text.matchAll(/`((?:nodes|credentials|sandbox|scripts|bench|test|e2e|workflows|docs)\/[\w./-]*)`/g)].map((m) => m[1]);
		expect(named.length).toBeGreaterThan(50);
		expect([...new Set(named)].filter((p) => !fs.existsSync(path.join(ROOT, p)))).toEqual([]);
	});

	it('no source file cites design notes that are not in the repository', () => {
		// Built from parts so that this file does not match itself.
		const cited = new RegExp(['DESIGN', '\\.md|\\bresearch', '/|\\bresearch', ' notes\\b'].join(''), 'i');
		const sources = ['nodes', 'credentials', 'sandbox', 'scripts', 'bench', 'test', 'e2e'].flatMap((dir) =>
			walk(path.join(ROOT, dir), (f) => /\.(ts|js|sh|md)$/.test(f)),
		);
		const hits = sources.flatMap((file) =>
			fs
				.readFileSync(file, 'utf8')
				.split('\n')
				.map((line, i) => (cited.test(line) ? `${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}` : ''))
				.filter(Boolean),
		);
		expect(hits).toEqual([]);
	});
});
