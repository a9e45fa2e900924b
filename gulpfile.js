const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// tsc does not copy icons or codex files; n8n resolves `file:x.svg` next to the compiled .js.
function copyNodeAssets() {
	return src(path.resolve('nodes', '**', '*.{svg,png,json}'), { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
}
function copyCredentialAssets() {
	return src(path.resolve('credentials', '**', '*.{svg,png}'), { encoding: false }).pipe(dest(path.resolve('dist', 'credentials')));
}
task('build:assets', parallel(copyNodeAssets, copyCredentialAssets));
task('build:icons', parallel(copyNodeAssets, copyCredentialAssets));
