/** Types of check-dependencies.js (plain CommonJS so that it runs without a build). */
export interface Advisory {
	id: string;
	package: string;
	/** A semver range, e.g. '<3.0.3 || >=4.0.0 <4.0.4'. */
	vulnerable: string;
	severity: string;
	summary: string;
}
export interface AdvisoryList {
	reviewed: string;
	source?: string;
	advisories: Advisory[];
}
export declare function auditLock(
	lock: { packages?: Record<string, Record<string, unknown>> },
	advisoryList: AdvisoryList,
): { findings: string[]; checked: number; shipped: number };
