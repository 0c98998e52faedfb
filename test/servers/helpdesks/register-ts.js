/**
 * Lets plain Node run the TypeScript fake helpdesks (and the src/ they import) without a build:
 * `node -r ./test/servers/helpdesks/register-ts.js ...`. Used by the standalone servers the
 * real-n8n tests start and by scripts/bench/sources.js. Types are not checked here; tsc does that.
 */
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
	const output = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
			resolveJsonModule: true,
		},
	});
	module._compile(output.outputText, filename);
};
