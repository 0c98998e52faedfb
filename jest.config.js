/** Two projects: fast unit tests of src/ and nodes/, and end-to-end tests that run real n8n. */
const tsJest = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: tsJest,
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
			// testTimeout is not read from a project's config; this file sets it.
			setupFilesAfterEnv: ['<rootDir>/test/e2e/harness/jest-timeout.ts'],
			// Packs the package and installs it into a template n8n user folder once per run.
			globalSetup: '<rootDir>/test/e2e/jest.global-setup.ts',
			globalTeardown: '<rootDir>/test/e2e/jest.global-teardown.ts',
		},
	],
};
