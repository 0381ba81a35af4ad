import { useEffect, useState } from 'react';
import type { CategoryVersionView } from '../../../shared/incidents.ts';
import { useApiErrorHandler } from '../../api/forms.tsx';
import { getCategories } from './api.ts';

type Category = CategoryVersionView['categories'][number];

let cached: Promise<Category[]> | null = null;

/** The current incident categories (loaded once per page load; a failed load is retried next time). */
export function useCategories(): Category[] {
  const handleError = useApiErrorHandler();
  const [list, setList] = useState<Category[]>([]);
  useEffect(() => {
    let live = true;
    cached ??= getCategories().then((v) => v.categories);
    cached.then(
      (c) => live && setList(c),
      (e) => {
        cached = null;
        if (live) handleError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [handleError]);
  return list;
}
