const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// tsc does not copy icons or codex files; n8n resolves `file:x.svg` next to the compiled .js.
function copyNodeAssets() {
	return src(path.resolve('nodes', '**', '*.{svg,png,json}'), { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
}
function copyCredentialAssets() {
	return src(path.resolve('credentials', '**', '*.{svg,png}'), { encoding: false }).pipe(dest(path.resolve('dist', 'credentials')));
}
// The bundled workflows ship inside the npm package too (dist/workflows), for users who install from npm.
function copyWorkflows() {
	return src(path.resolve('workflows', '*.json'), { encoding: false }).pipe(dest(path.resolve('dist', 'workflows')));
}
task('build:assets', parallel(copyNodeAssets, copyCredentialAssets, copyWorkflows));
task('build:icons', parallel(copyNodeAssets, copyCredentialAssets));
