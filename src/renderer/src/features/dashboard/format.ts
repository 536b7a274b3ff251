const money = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 2,
});
const whole = new Intl.NumberFormat();

export const formatMoney = (value: number | null): string => (value === null ? '—' : money.format(value));
export const formatCount = (value: number): string => whole.format(value);
export const formatPercent = (value: number | null): string =>
  value === null
    ? '—'
    : Math.abs(value) >= 10
      ? `${whole.format(Math.round(value * 100))} %`
      : `${(value * 100).toFixed(1)} %`;
export const formatSeconds = (value: number | null): string => {
  if (value === null) return '—';
  const s = Math.round(value);
  return s >= 60 ? `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
};
