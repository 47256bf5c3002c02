// Server URLs as error messages may show them: a password in the URL is masked.

export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** A comma-separated list of URLs (NATS takes several), each masked. */
export function withoutPasswords(urls: string): string {
  return urls.split(',').map(withoutPassword).join(',');
}
