import { Empty, Flex, Image, Typography } from 'antd';
import dayjs from 'dayjs';
import type { IncidentDetail } from '../../../../shared/incidents.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { attachmentUrl } from '../../deliberation/api.ts';
import type { LoopDefs } from '../hooks.ts';

/** One photo of the case with the step it was taken at. */
export interface CasePhoto {
  id: string;
  step: string;
  at: string;
}

/** Every photo an event of the case carried (inputs of the photos kind), oldest first: the scene, after handling, at verification. */
export function casePhotos(i: IncidentDetail, loop: LoopDefs): CasePhoto[] {
  const out: CasePhoto[] = [];
  for (const e of [...i.timeline].sort((a, b) => a.seq - b.seq)) {
    for (const [key, v] of Object.entries(e.input ?? {})) {
      const def = loop.inputDef(e.event, e.fromStage, key);
      if (!Array.isArray(v) || (def ? def.kind !== 'photos' : key !== 'photos')) continue;
      for (const id of v as string[]) out.push({ id, step: loop.eventName(e.event, e.fromStage), at: e.at });
    }
  }
  return out;
}

/** The case's photos as thumbnails that open large, each captioned with its step and time. */
export function PhotoGallery({ photos }: { photos: CasePhoto[] }) {
  const { t } = useI18n();
  if (!photos.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.detail.noPhotos')} />;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={12}>
        {photos.map((p, n) => (
          <figure key={`${p.id}-${n}`} style={{ margin: 0, width: 112 }}>
            <Image src={attachmentUrl(p.id)} width={112} height={84} style={{ objectFit: 'cover', borderRadius: 4 }} alt={t('incidents.photo.alt', { step: p.step, n: n + 1 })} />
            <figcaption>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                {p.step} · {dayjs(p.at).format('MM-DD HH:mm')}
              </Typography.Text>
            </figcaption>
          </figure>
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
