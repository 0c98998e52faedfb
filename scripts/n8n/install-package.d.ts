/** Types of install-package.js. */
export interface InstalledPackage {
	packageDir: string;
	name: string;
	version: string;
}
export declare class InstallPackageError extends Error {}
export declare function packRepository(destination?: string): string;
export declare function installPackage(
	userFolder: string,
	options?: { tarball?: string; env?: Record<string, string> },
): InstalledPackage;
