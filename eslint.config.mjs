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

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '**/*.test.ts', 'test/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommended, communityNodeRules],
	},
	{
		// The manifest rules (name, keywords, n8n section, peer dependencies) read package.json as code.
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser },
		...communityNodeRules,
	},
);
