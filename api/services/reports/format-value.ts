import type { ColumnType } from './report-types';

/** How a figure reads in a PDF or on screen: money in the tenant's currency, rates as percentages. */
export function formatValue(value: string | number | null | undefined, type: ColumnType, currency: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return type === 'date' ? value.slice(0, 10) : value;
  switch (type) {
    // Sub-cent amounts (provider message prices) keep their digits rather than rounding to 0.
    case 'money': return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: Number.isInteger(value) ? 2 : 4 }).format(value / 100);
    case 'percent': return `${(value * 100).toFixed(1)}%`;
    case 'hours': return `${value.toFixed(1)} h`;
    case 'days': return `${value.toFixed(1)} d`;
    case 'count': return new Intl.NumberFormat('en-US').format(value);
    default: return String(value);
  }
}
