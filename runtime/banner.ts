export interface BannerInfo {
  appUrl: string;
  apiDocsUrl: string;
  temporalUiUrl?: string;
  temporalAddress: string;
  database: string;
  login?: { email: string; password: string };
  dev: boolean;
  seconds: number;
}

/** The few lines a person needs after `npm start`, printed plainly rather than as log JSON. */
export function formatBanner(info: BannerInfo): string {
  const rows: [string, string][] = [
    ['App', info.appUrl],
    ['API docs', info.apiDocsUrl],
    ['Temporal UI', info.temporalUiUrl ?? `(external server at ${info.temporalAddress})`],
    ['Database', info.database],
  ];
  if (info.login) rows.push(['Demo login', `${info.login.email} / ${info.login.password}`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const title = `Appointflow is ready${info.dev ? ' (dev mode: restarts on file changes)' : ''} in ${info.seconds.toFixed(1)} s`;
  const lines = [title, '', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`), '', '  Ctrl-C stops everything.'];
  const rule = '─'.repeat(Math.max(...lines.map((l) => l.length)) + 2);
  return ['', rule, ...lines.map((l) => ` ${l}`), rule, ''].join('\n');
}

export function printBanner(info: BannerInfo): void {
  process.stdout.write(`${formatBanner(info)}\n`);
}
