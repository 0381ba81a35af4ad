import { api, type Page } from '../api/client.ts';
import { useRegionId } from '../app/region.tsx';
import { useT } from '../i18n/index.tsx';
import { RemoteSelect, type RemoteSelectProps } from './RemoteSelect.tsx';

/** A compound picker over the chosen place (or the region given), searching by name as the user types. */
export function CompoundSelect(props: Omit<RemoteSelectProps, 'load'> & { regionId?: string }) {
  const t = useT();
  const chosen = useRegionId();
  const { regionId = chosen, ...rest } = props;
  return (
    <RemoteSelect
      key={regionId ?? 'all'}
      {...rest}
      placeholder={props.placeholder ?? t('meetings.common.compoundPlaceholder')}
      load={async (q) => (await api.get<Page<{ id: string; name: string }>>('/api/compounds', { q: q || undefined, regionId, pageSize: 20 })).items.map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}
