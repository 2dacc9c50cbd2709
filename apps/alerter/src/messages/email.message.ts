import { metricLabel } from '../alert-message';
import type { AlertDraft } from '../channels/channel';
import { alertFacts, KIND_TITLE, resourceLink } from './alert-facts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * An e-mail's subject, text and HTML bodies. The subject says what, on which resource and
 * when (the predicted breach time, or when it was decided), so it reads in an inbox list.
 *
 * @example
 * await transport.sendMail({ from, to, ...emailMessage(alert, 'https://cirm.example') });
 */
export function emailMessage(alert: AlertDraft, publicUrl?: string) {
  const link = resourceLink(alert, publicUrl);
  const facts = alertFacts(alert);
  const when = alert.kind === 'forecast' && alert.breachAt ? `breach expected ${alert.breachAt}` : alert.firedAt;
  const subject = `[AutoScale CIRM] ${alert.severity.toUpperCase()} ${KIND_TITLE[alert.kind]}: ${alert.resourceId} ${metricLabel(alert.metric)} (${when})`;
  const text = [
    alert.message,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    ...(link ? ['', `Dashboard: ${link}`] : []),
    '',
    `alert id: ${alert.id}`,
    '',
  ].join('\n');
  const rows = facts.map(
    ([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
  );
  const html = [
    `<p>${escapeHtml(alert.message)}</p>`,
    `<table>${rows.join('')}</table>`,
    link ? `<p><a href="${escapeHtml(link)}">Open in dashboard</a></p>` : '',
    `<p style="color:#888">alert id: ${escapeHtml(alert.id)}</p>`,
  ].join('\n');
  return { subject, text, html };
}
