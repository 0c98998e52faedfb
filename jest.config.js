/**
 * Three projects: fast unit tests of src/ and nodes/, end-to-end tests that run real n8n, and the
 * queue-mode suite (real n8n on PostgreSQL, Redis and workers, about 15 minutes: npm run
 * test:queue).
 */
const tsJest = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	// eld (language identification) ships as an ES module, which Node requires natively but
	// jest's module system does not: jest compiles it to CommonJS, without type checks.
	'/node_modules/eld/.+\\.js$': [
		'ts-jest',
		{ tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs' } },
	],
};
const transformIgnorePatterns = ['/node_modules/(?!eld/)'];

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: tsJest,
			transformIgnorePatterns,
			testMatch: [
				'<rootDir>/src/**/*.test.ts',
				'<rootDir>/nodes/**/*.test.ts',
				'<rootDir>/test/unit/**/*.test.ts',
			],
			setupFilesAfterEnv: ['<rootDir>/test/unit/jest-timeout.ts'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform: tsJest,
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/e2e/queue/'],
			// testTimeout is not read from a project's config; this file sets it.
			setupFilesAfterEnv: ['<rootDir>/test/e2e/harness/jest-timeout.ts'],
			// Packs the package and installs it into a template n8n user folder once per run.
			globalSetup: '<rootDir>/test/e2e/jest.global-setup.ts',
			globalTeardown: '<rootDir>/test/e2e/jest.global-teardown.ts',
		},
		{
			displayName: 'queue',
			testEnvironment: 'node',
			transform: tsJest,
			testMatch: ['<rootDir>/test/e2e/queue/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/e2e/harness/jest-timeout.ts'],
			globalSetup: '<rootDir>/test/e2e/jest.global-setup.ts',
			globalTeardown: '<rootDir>/test/e2e/jest.global-teardown.ts',
		},
	],
};
