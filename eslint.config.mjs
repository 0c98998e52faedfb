import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const communityNodeRules = {
	...n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport,
	rules: {
		...n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport.rules,
		// The package is for self-hosted n8n and ships runtime dependencies on purpose (zod, luxon,
		// LangChain): n8n installs them with the package. See the README, "Dependencies".
		'@n8n/community-nodes/no-runtime-dependencies': 'off',
	},
};

const nodeGlobals = {
	require: 'readonly',
	module: 'writable',
	process: 'readonly',
	console: 'readonly',
	__dirname: 'readonly',
	Buffer: 'readonly',
	URL: 'readonly',
	setTimeout: 'readonly',
	clearTimeout: 'readonly',
	fetch: 'readonly',
	performance: 'readonly',
};

/** Rest siblings drop keys on purpose; a leading underscore marks a parameter a signature needs. */
const unusedVariables = {
	'@typescript-eslint/no-unused-vars': [
		'error',
		{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
	],
};

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '.n8n-local/**'] },
	{
		// What ships: the n8n community-node rules on top of TypeScript's recommended ones.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'src/**/*.ts'],
		ignores: ['**/*.test.ts'],
		extends: [tseslint.configs.recommended, communityNodeRules],
		rules: unusedVariables,
	},
	{
		// Tests, test servers and scripts do not ship: TypeScript's recommended rules only.
		files: ['**/*.test.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			...unusedVariables,
			// Tests read parsed JSON (run output, recorded requests) whose shape their assertions check.
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
	{
		// Scripts and test servers written as CommonJS for plain Node (benchmarks, n8n setup).
		files: ['scripts/**/*.js', 'test/**/*.js', '*.js'],
		extends: [tseslint.configs.recommended],
		languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
		rules: { ...unusedVariables, '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		// The manifest rules (name, keywords, n8n section, peer dependencies) read package.json as code.
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser },
		...communityNodeRules,
	},
);
