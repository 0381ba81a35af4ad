import { useRegion } from '../../app/region.tsx';

/**
 * The chosen place as the `regionId` list filter of the orgs, five-ones and export endpoints, or undefined for
 * "all my places". When /api/regions did not answer, the picker's nodes are made from scope paths and carry no
 * region id, so no filter is sent (the server still limits lists to the user's grants).
 */
export function useRegionId(): string | undefined {
  const { selected, source } = useRegion();
  return source === 'api' && selected ? selected.id : undefined;
}
