/** Only same-site paths may be redirect targets, so no form can be used as an open redirect. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//'))
		return fallback;
	if (value.includes('\\')) return fallback;
	return value;
}
