import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined, LoadingOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.tsx';

/** A position from the device. */
export interface DevicePosition {
  lat: number;
  lng: number;
  accuracy: number | null;
}

/** Where locating stands. */
export type LocateStatus = 'idle' | 'locating' | 'located' | 'denied' | 'unavailable' | 'unsupported';

/** Props of LocationField; a Form.Item drives value and onChange. */
export interface LocationFieldProps {
  value?: DevicePosition | null;
  onChange?(p: DevicePosition | null): void;
  /** Told whenever the status changes (the form then asks for a compound or an address instead). */
  onStatus?(s: LocateStatus): void;
  id?: string;
}

const round = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * The device's position (navigator.geolocation), asked for once when the form opens and again on request. When the worker
 * refuses, or there is no fix, it says so plainly and points to the compound and address fields below.
 */
export function LocationField({ value, onChange, onStatus, id }: LocationFieldProps) {
  const { t } = useI18n();
  const [status, setStatus] = useState<LocateStatus>(value ? 'located' : 'idle');
  const live = useRef({ onChange, onStatus });
  live.current = { onChange, onStatus };

  const set = useCallback((s: LocateStatus) => {
    setStatus(s);
    live.current.onStatus?.(s);
  }, []);

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) return set('unsupported');
    set('locating');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        live.current.onChange?.({ lat: round(p.coords.latitude), lng: round(p.coords.longitude), accuracy: Number.isFinite(p.coords.accuracy) ? Math.round(p.coords.accuracy) : null });
        set('located');
      },
      (e) => set(e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }, [set]);

  useEffect(() => {
    if (!value) locate();
    // Only when the form opens; a re-locate is the worker's choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const again = (
    <Button icon={<AimOutlined />} onClick={locate} disabled={status === 'locating'} style={{ minHeight: 44 }}>
      {t('grid.location.again')}
    </Button>
  );
  // A position given back (a report being corrected) counts as located.
  const shown: LocateStatus = value && status !== 'locating' ? 'located' : status;
  const problem = shown === 'denied' ? 'grid.location.denied' : shown === 'unavailable' ? 'grid.location.unavailable' : shown === 'unsupported' ? 'grid.location.unsupported' : null;
  return (
    <div id={id} data-testid="location" data-status={shown}>
      {problem ? (
        <Alert
          type="warning"
          showIcon
          title={t(problem)}
          description={
            <>
              <div>{t('grid.location.fallback')}</div>
              {shown !== 'unsupported' && <div style={{ marginTop: 8 }}>{again}</div>}
            </>
          }
        />
      ) : (
        <Flex align="center" justify="space-between" gap={8} wrap>
          <Typography.Text style={{ minWidth: 0 }}>
            {shown === 'locating' ? <LoadingOutlined /> : <EnvironmentOutlined />}{' '}
            {shown === 'locating' && t('grid.location.locating')}
            {shown === 'located' && value && t('grid.location.at', { lat: value.lat, lng: value.lng, acc: value.accuracy ?? '?' })}
            {shown === 'idle' && t('grid.location.none')}
          </Typography.Text>
          {again}
        </Flex>
      )}
    </div>
  );
}
