import type { ReportFrequency } from '../../../../db/entities';
import { formatValue } from '../format-value';
import type { Report } from '../report-types';

export interface SummaryEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const changeText = (change: number | null) => (change === null ? '' : `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}% vs previous`);

/** The summary email: each report's figures against the period before, with links to the full reports. */
export function summaryEmail(options: { frequency: ReportFrequency; businessName: string; reports: Report[]; appUrl: string }): SummaryEmail {
  const first = options.reports[0];
  const period = first ? `${first.period.fromDate} to ${first.period.toDate}` : '';
  const heading = `${options.frequency === 'weekly' ? 'Weekly' : 'Monthly'} summary`;
  const subject = `${heading} for ${options.businessName}: ${period}`;
  const link = (r: Report) => `${options.appUrl}/reports/${r.report}?from=${r.period.fromDate}&to=${r.period.toDate}`;
  const lines = [`${heading} for ${options.businessName}, ${period} (${first?.tenant.timezone ?? ''}).`, ''];
  const sections: string[] = [];
  for (const r of options.reports) {
    lines.push(r.title);
    const rows: string[] = [];
    for (const m of r.metrics) {
      const value = formatValue(m.value, m.unit, r.tenant.currency);
      const change = changeText(m.change);
      lines.push(`  ${m.label}: ${value}${change ? ` (${change})` : ''}`);
      rows.push(`<tr><td>${escapeHtml(m.label)}</td><td style="text-align:right"><b>${escapeHtml(value)}</b></td><td style="color:#555">${escapeHtml(change)}</td></tr>`);
    }
    lines.push(`  Full report: ${link(r)}`, '');
    sections.push(`<h3>${escapeHtml(r.title)}</h3><table cellpadding="4">${rows.join('')}</table><p><a href="${escapeHtml(link(r))}">Open the ${escapeHtml(r.title.toLowerCase())} report</a></p>`);
  }
  lines.push('You receive this because you are listed in Settings → Scheduled reports.');
  const html = `<!doctype html><html><body style="font-family:sans-serif"><h2>${escapeHtml(subject)}</h2>${sections.join('')}<p style="color:#777">You receive this because you are listed in Settings → Scheduled reports.</p></body></html>`;
  return { subject, text: lines.join('\n'), html };
}
