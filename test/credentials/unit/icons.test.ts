import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { BigCommerceApi } from '../../../credentials/BigCommerceApi.credentials';
import { ExtensivWarehouseManagerApi } from '../../../credentials/ExtensivWarehouseManagerApi.credentials';
import { WmsHttpApi } from '../../../credentials/WmsHttpApi.credentials';

const CREDENTIALS = join(__dirname, '../../../credentials');

describe('credential icons', () => {
	it.each([new BigCommerceApi(), new ExtensivWarehouseManagerApi(), new WmsHttpApi()])('$name: light and dark icons in credentials/icons/', (credential) => {
		const icon = credential.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(file).toMatch(/^file:icons\/[\w.]+\.svg$/);
			expect(existsSync(join(CREDENTIALS, file.slice('file:'.length)))).toBe(true);
		}
	});
	it('keeps no icon outside credentials/icons/ (gulp copies credentials/**/*.svg with its folders)', () => {
		expect(readdirSync(CREDENTIALS).filter((f) => f.endsWith('.svg') || f.endsWith('.png'))).toEqual([]);
	});
});
