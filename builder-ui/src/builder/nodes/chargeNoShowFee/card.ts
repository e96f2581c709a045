import type { DraftData } from '../types';

export const money = (cents: number): string => (cents / 100).toFixed(2);

export function chargeNoShowFeeSentence(data: DraftData<'chargeNoShowFee'>): string {
  const amounts = Array.isArray(data.amountsCents) ? data.amountsCents.filter((n) => typeof n === 'number') : [];
  if (amounts.length === 0) return 'Charge a no-show fee: set the amount';
  if (data.mode === 'escalating') return `Charge a no-show fee rising ${amounts.map(money).join(' → ')}`;
  return `Charge a no-show fee of ${money(amounts[0]!)}`;
}
