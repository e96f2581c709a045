const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The HTML part of an email as the SMTP provider builds it from the rendered text (escaped,
 * links made clickable, line breaks kept), as a document for a sandboxed preview frame.
 * Links open nowhere: the frame has no permissions, and `base target` keeps clicks inert.
 */
export function emailPreviewDocument(body: string): string {
  const linked = escapeHtml(body).replace(/\bhttps?:\/\/[^\s<]+[^\s<.,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`);
  return [
    '<!doctype html><html><head><meta charset="utf-8"><base target="_blank">',
    '<style>body{margin:16px;color:#111827;font-size:14px}a{color:#4f46e5}</style></head>',
    `<body style="font-family:sans-serif;line-height:1.5">${linked.replace(/\n/g, '<br>\n')}</body></html>`,
  ].join('');
}
