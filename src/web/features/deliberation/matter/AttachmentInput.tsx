import { useEffect, useRef, useState } from 'react';
import { App, Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { isApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { attachmentUrl, uploadAttachment, type AttachmentView } from '../api.ts';

/** The photo types the server accepts as photos. */
const PHOTO_TYPES = 'image/jpeg,image/png,image/webp';
/** Every type the server accepts. */
const ANY_TYPES = `${PHOTO_TYPES},application/pdf,.docx,.xlsx`;

/** Props of AttachmentInput; value is the list of uploaded attachment ids (a Form.Item drives it). */
export interface AttachmentInputProps {
  value?: string[];
  onChange?(ids: string[]): void;
  /** Photos only (JPEG, PNG, WebP), shown as thumbnails. */
  photos?: boolean;
  id?: string;
  [aria: `aria-${string}`]: string | boolean | undefined;
}

/**
 * Uploads files to POST /api/attachments as they are chosen and reports the ids of those stored; a file the server
 * refuses (type, size) stays in the list marked red with the server's reason.
 */
export function AttachmentInput({ value, onChange, photos, id, ...aria }: AttachmentInputProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [files, setFiles] = useState<UploadFile<AttachmentView>[]>([]);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // A form reset clears the value; the list follows.
  useEffect(() => {
    if ((value ?? []).length === 0) setFiles((fs) => (fs.some((f) => f.status === 'done') ? fs.filter((f) => f.status !== 'done') : fs));
  }, [value]);

  const report = (fs: UploadFile<AttachmentView>[]) => {
    onChangeRef.current?.(fs.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id));
  };

  return (
    <Upload<AttachmentView>
      id={id}
      {...aria}
      multiple
      accept={photos ? PHOTO_TYPES : ANY_TYPES}
      listType={photos ? 'picture' : 'text'}
      fileList={files}
      customRequest={({ file, onSuccess, onError }) => {
        uploadAttachment(file as File, me?.csrfToken ?? null)
          .then((a) => onSuccess?.(a))
          .catch((e: unknown) => {
            const text = isApiError(e) ? [e.message, ...e.fields.map((f) => f.message)].join('；') : t('error.unexpected');
            message.error(t('matters.upload.failed', { name: (file as File).name, reason: text }));
            onError?.(new Error(text));
          });
      }}
      onChange={({ fileList }) => {
        const fs = fileList.map((f) => (f.status === 'done' && f.response ? { ...f, url: attachmentUrl(f.response.id), thumbUrl: photos ? attachmentUrl(f.response.id) : f.thumbUrl } : f));
        setFiles(fs);
        report(fs);
      }}
    >
      <Button icon={<UploadOutlined />}>{photos ? t('matters.upload.photos') : t('matters.upload.files')}</Button>
    </Upload>
  );
}
