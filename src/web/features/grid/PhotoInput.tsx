import { useEffect, useRef, useState } from 'react';
import { App, Button, Flex } from 'antd';
import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { newId } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { preparePhoto } from './photo.ts';
import type { QueuedPhoto } from './queue.ts';

/** At most this many photos per list (the server takes 20). */
const MAX_PHOTOS = 9;

/** Props of PhotoInput; a Form.Item drives value and onChange. */
export interface PhotoInputProps {
  value?: QueuedPhoto[];
  onChange?(photos: QueuedPhoto[]): void;
  id?: string;
  /** Names the two file inputs for screen readers and tests, e.g. 现场照片. */
  label: string;
  [aria: `aria-${string}`]: string | boolean | undefined;
}

function Thumb({ photo, index, onRemove }: { photo: QueuedPhoto; index: number; onRemove(): void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(photo.blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [photo.blob]);
  return (
    <div style={{ position: 'relative', width: 96, height: 96, borderRadius: 8, overflow: 'hidden', background: '#f5f5f5', flex: 'none' }}>
      {url && <img src={url} alt={t('grid.photo.alt', { n: index + 1 })} style={{ width: '100%', height: '100%', objectFit: 'cover' }} />}
      <Button
        size="small"
        shape="circle"
        icon={<CloseOutlined />}
        aria-label={t('grid.photo.remove', { n: index + 1 })}
        onClick={onRemove}
        style={{ position: 'absolute', top: 4, right: 4, width: 32, height: 32 }}
      />
    </div>
  );
}

/**
 * Photos taken with the camera or chosen from the album, previewed at once and scaled down in the browser before they are
 * queued (a 4000 px picture becomes ≤1600 px JPEG). Nothing is uploaded here: the outbox uploads when it sends.
 */
export function PhotoInput({ value = [], onChange, id, label, ...aria }: PhotoInputProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const camera = useRef<HTMLInputElement>(null);
  const album = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const current = useRef(value);
  current.current = value;

  const take = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    const added: QueuedPhoto[] = [];
    for (const f of [...files].slice(0, Math.max(0, MAX_PHOTOS - current.current.length))) {
      try {
        const p = await preparePhoto(f);
        added.push({ key: newId(), blob: p.blob, name: p.name });
      } catch {
        message.error(t('grid.photo.unreadable', { name: f.name }));
      }
    }
    setBusy(false);
    if (added.length) onChange?.([...current.current, ...added]);
  };

  const input = (ref: React.RefObject<HTMLInputElement | null>, capture: boolean, name: string) => (
    <input
      ref={ref}
      type="file"
      accept="image/*"
      capture={capture ? 'environment' : undefined}
      multiple={!capture}
      aria-label={name}
      data-testid={capture ? 'photo-camera' : 'photo-album'}
      style={{ display: 'none' }}
      onChange={(e) => {
        void take(e.target.files);
        e.target.value = '';
      }}
    />
  );
  const full = value.length >= MAX_PHOTOS;
  return (
    <div id={id} {...aria}>
      {input(camera, true, t('grid.photo.takeOf', { label }))}
      {input(album, false, t('grid.photo.chooseOf', { label }))}
      <Flex gap={8} wrap>
        {value.map((p, i) => (
          <Thumb key={p.key} photo={p} index={i} onRemove={() => onChange?.(value.filter((x) => x.key !== p.key))} />
        ))}
      </Flex>
      <Flex gap={8} style={{ marginTop: value.length ? 8 : 0 }}>
        <Button size="large" icon={<CameraOutlined />} loading={busy} disabled={full} onClick={() => camera.current?.click()} style={{ flex: 1, minHeight: 48 }}>
          {t('grid.photo.take')}
        </Button>
        <Button size="large" icon={<PictureOutlined />} disabled={full || busy} onClick={() => album.current?.click()} style={{ flex: 1, minHeight: 48 }}>
          {t('grid.photo.choose')}
        </Button>
      </Flex>
    </div>
  );
}
