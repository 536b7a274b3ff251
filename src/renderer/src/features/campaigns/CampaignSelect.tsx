/** A campaign to narrow a page to, or all of them: the monitor's, the history's and the dashboard's filter. */
export function CampaignSelect({
  campaigns,
  value,
  onChange,
  label = 'Campaign',
}: {
  campaigns: readonly { id: number; name: string }[] | undefined;
  value: number | undefined;
  onChange: (campaignId: number | undefined) => void;
  /** The select's accessible name. */
  label?: string;
}) {
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}
    >
      <option value="">All campaigns</option>
      {campaigns?.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}
