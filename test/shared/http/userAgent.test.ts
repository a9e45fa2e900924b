import { readFileSync } from 'fs';
import { join } from 'path';
import { USER_AGENT } from '../../../nodes/shared/http/userAgent';

describe('USER_AGENT', () => {
	it("is the package's name and version from package.json", () => {
		const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { name: string; version: string };
		expect(USER_AGENT).toBe(`${pkg.name}/${pkg.version} (+n8n community node)`);
	});
	it('tsc copies package.json beside dist/nodes, where the compiled require looks for it', () => {
		const tsconfig = JSON.parse(readFileSync(join(__dirname, '../../../tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
		expect(tsconfig.compilerOptions.resolveJsonModule).toBe(true);
		expect(tsconfig.compilerOptions.rootDir ?? '.').toBe('.');
		// nodes/shared/http -> ../../../package.json is the repository root; dist/nodes/shared/http -> dist/package.json.
		expect(readFileSync(join(__dirname, '../../../nodes/shared/http/userAgent.ts'), 'utf8')).toContain("from '../../../package.json'");
	});
});
