/**
 * The secrets a command line holds, for `redact`: kept apart from the commands that use them so
 * that every command can redact its messages without loading the helpdesk code.
 */

/** Flags whose values are credentials. */
const SECRET_FLAGS = ['api-key', 'password', 'token', 'oauth-token', 'bearer', 'header'];

/**
 * Every credential the arguments hold, with the pairs Basic auth encodes together and the
 * password of a URL's user part, for `redact`.
 */
export function credentialSecrets(argv: readonly string[]): string[] {
	const valueOf = (flag: string): string[] =>
		argv.flatMap((arg, index) =>
			arg === `--${flag}` && index + 1 < argv.length
				? [argv[index + 1]]
				: arg.startsWith(`--${flag}=`)
					? [arg.slice(flag.length + 3)]
					: [],
		);
	const secrets = SECRET_FLAGS.flatMap(valueOf);
	for (const header of valueOf('header')) {
		const split = header.indexOf(':');
		if (split > 0) secrets.push(header.slice(split + 1).trim());
	}
	for (const password of valueOf('password')) {
		for (const user of valueOf('user')) secrets.push(`${user}:${password}`);
	}
	for (const token of valueOf('token')) {
		for (const email of valueOf('email')) secrets.push(`${email}/token:${token}`);
	}
	for (const key of valueOf('api-key')) secrets.push(`${key}:X`);
	for (const url of [...valueOf('base-url'), ...valueOf('url')]) {
		const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/\s@]*)@/i.exec(url)?.[1];
		if (userInfo) secrets.push(userInfo, ...userInfo.split(':').slice(1));
	}
	return secrets;
}
